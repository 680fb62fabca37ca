import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from 'decimal.js';
import { compareAmounts, decimal, isZeroAmount, money, net, percentToFraction, sum, TransformError } from './canonical.js';

/** decimal.js with enough precision never to round: the oracle the BigInt arithmetic must agree with. */
const Exact = Decimal.clone({ precision: 1000 });
const fixed = (value: Decimal, minDecimals: number) => value.toFixed(Math.max(minDecimals, value.decimalPlaces()));

/** Deterministic decimal texts of every shape a host sends: signs, leading and trailing zeros, exponents, 4 decimals or more or none. */
function decimals(count: number, seed = 1): string[] {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const digits = (n: number) => Array.from({ length: n }, () => String(next(10))).join('');
  return Array.from({ length: count }, () => {
    const sign = ['', '', '-', '+'][next(4)];
    const whole = [digits(1 + next(3)), '0', '00', digits(12 + next(10)), ''][next(5)];
    const fraction = ['', `.${digits(4)}`, `.${digits(4)}`, `.${digits(1 + next(12))}`, '.', '.0000'][next(6)];
    const exponent = next(8) === 0 ? `e${['', '-', '+'][next(3)]}${next(25)}` : '';
    const text = `${sign}${whole || (fraction.length > 1 ? '' : '0')}${fraction}${exponent}`;
    return text === '.' || text.startsWith('.e') ? '0' : text;
  });
}

describe('canonical money arithmetic', () => {
  const samples = decimals(4000);

  it('writes every amount exactly as decimal.js does (at least four decimals, every significant one, no -0)', () => {
    for (const text of samples) {
      assert.equal(money(text, 'f'), fixed(new Exact(text), 4), text);
      assert.equal(decimal(text, 'f'), fixed(new Exact(text), 0), text);
    }
    assert.equal(money('-0.0000', 'f'), '0.0000');
    assert.equal(money('00.5000', 'f'), '0.5000');
    assert.equal(money(' 7.25 ', 'f'), '7.2500');
    assert.equal(decimal('1.5e-3', 'f'), '0.0015');
  });

  it('adds, subtracts and compares exactly, also beyond the 20 significant digits decimal.js rounds to by default', () => {
    for (let i = 0; i + 3 < samples.length; i += 3) {
      const [a, b, c] = samples.slice(i, i + 3);
      assert.equal(sum([a, b, c]), fixed(new Exact(a).plus(b).plus(c), 4), `${a} + ${b} + ${c}`);
      assert.equal(net([a, b], [c]), fixed(new Exact(a).plus(b).minus(c), 4), `${a} + ${b} - ${c}`);
      assert.equal(compareAmounts(a, b), new Exact(a).cmp(b), `${a} <=> ${b}`);
      assert.equal(isZeroAmount(a), new Exact(a).isZero(), a);
      assert.equal(percentToFraction(a), fixed(new Exact(a).div(100), 0), `${a} %`);
    }
    assert.equal(sum(['12345678901234567890.1234', '0.0001']), '12345678901234567890.1235');
    assert.equal(sum([]), '0.0000');
    assert.equal(sum(['-0.5000', '0.5000']), '0.0000');
    assert.equal(net(['100.0000'], ['8.2500', '0.0001']), '91.7499');
  });

  it('refuses JavaScript numbers, non-decimals and absurd exponents as a TransformError', () => {
    for (const value of [12.5, '12,50', '1e999999', 'NaN', '', '.', null]) {
      assert.throws(() => money(value, 'total'), (error: unknown) => error instanceof TransformError && /total is not a decimal amount/.test(error.message), String(value));
    }
  });
});
