import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * CPU clock ticks (100 Hz) of a process, or of PostgreSQL: every live `postgres` process plus
 * the time of backends that already exited (counted in the postmaster's cutime/cstime).
 */
export function cpuTicks(pid?: number): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const pids = pid !== undefined ? [String(pid)] : readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  let ticks = 0;
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (pid === undefined && !name.startsWith('postgres')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      if (pid === undefined) ticks += Number(fields[13]) + Number(fields[14]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/**
 * CPU clock ticks (100 Hz) of one PostgreSQL cluster: its postmaster (found by the port it was
 * started with), the backends it forked, and the time of those that already exited. Other clusters
 * on the machine (other people's test runs) are not counted.
 */
export function clusterCpuTicks(port: number): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const stats = new Map<string, string[]>();
  let postmaster: string | undefined;
  for (const p of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres')) continue;
      stats.set(p, stat.slice(stat.lastIndexOf(')') + 2).split(' '));
      const args = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      if (args.some((arg, i) => arg === '-p' && args[i + 1] === String(port))) postmaster = p;
    } catch {
      // the process ended meanwhile
    }
  }
  if (!postmaster) return undefined;
  let ticks = 0;
  for (const [p, fields] of stats) {
    if (p !== postmaster && fields[1] !== postmaster) continue; // fields[1]: the parent's pid
    ticks += Number(fields[11]) + Number(fields[12]);
    if (p === postmaster) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return ticks;
}
