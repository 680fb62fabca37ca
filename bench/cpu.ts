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
