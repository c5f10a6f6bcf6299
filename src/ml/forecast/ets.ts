/**
 * ETS with an additive damped trend and additive weekly seasonality (Holt-Winters), its smoothing
 * parameters chosen by grid search on the one-step errors. Missing days take the one-step forecast. A
 * baseline of the eval, and a candidate of the forecaster after a level shift (robust.ts).
 */
const M = 7;

interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

function runEts(y: readonly (number | null)[], q: EtsParams, horizon: number): { sse: number; forecast: number[] } {
  const first = y.slice(0, 2 * M).map((v) => v ?? 0);
  let level = first.slice(0, M).reduce((a, b) => a + b, 0) / M;
  let trend = (first.slice(M, 2 * M).reduce((a, b) => a + b, 0) / M - level) / M;
  const season = first.slice(0, M).map((v) => v - level);
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const s = season[t % M];
    const pred = level + q.phi * trend + s;
    const v = y[t] ?? pred;
    if (y[t] !== null && t >= M) sse += (v - pred) ** 2;
    const prevLevel = level;
    level = q.alpha * (v - s) + (1 - q.alpha) * (prevLevel + q.phi * trend);
    trend = q.beta * (level - prevLevel) + (1 - q.beta) * q.phi * trend;
    season[t % M] = q.gamma * (v - prevLevel - q.phi * trend) + (1 - q.gamma) * s;
  }
  const forecast: number[] = [];
  let damp = 0;
  for (let h = 1; h <= horizon; h++) {
    damp += q.phi ** h;
    forecast.push(level + damp * trend + season[(y.length + h - 1) % M]);
  }
  return { sse, forecast };
}

const GRID = {
  alpha: [0.05, 0.1, 0.2, 0.3, 0.5, 0.8],
  beta: [0.01, 0.05, 0.1, 0.2],
  gamma: [0.01, 0.05, 0.1, 0.3],
  phi: [0.8, 0.9, 0.95, 0.98],
};

/**
 * ETS(A, Ad, A) with m = 7: point forecasts for `horizon` days.
 * @example etsForecast(values, 30)[0]
 */
export function etsForecast(y: readonly (number | null)[], horizon: number, nonNegative = true): number[] {
  if (y.length < 3 * M) return lastWeek(y, horizon, nonNegative);
  let best: { sse: number; q: EtsParams } | null = null;
  for (const alpha of GRID.alpha)
    for (const beta of GRID.beta)
      for (const gamma of GRID.gamma)
        for (const phi of GRID.phi) {
          const q = { alpha, beta, gamma, phi };
          const { sse } = runEts(y, q, 0);
          if (!best || sse < best.sse) best = { sse, q };
        }
  const f = runEts(y, (best as { q: EtsParams }).q, horizon).forecast;
  return nonNegative ? f.map((v) => Math.max(0, v)) : f;
}

/** The value of day i (past the end, too): the same weekday of the last week with one, else the last value. */
export function sameWeekday(y: readonly (number | null)[], i: number): number | null {
  const n = y.length;
  for (let j = i - M; j >= 0; j -= M) if (j < n && y[j] !== null) return y[j];
  for (let j = n - 1; j >= 0; j--) if (y[j] !== null) return y[j];
  return null;
}

function lastWeek(y: readonly (number | null)[], horizon: number, nonNegative: boolean): number[] {
  return Array.from({ length: horizon }, (_, h) => {
    const v = sameWeekday(y, y.length + h) ?? 0;
    return nonNegative ? Math.max(0, v) : v;
  });
}
