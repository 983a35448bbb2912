import { describe, expect, it } from 'vitest';
import type { RunDetailDto } from '../../../shared/api/runs-dto';
import { curveMetricName, curveOption } from './curves';

const run = (p: Partial<RunDetailDto>) => ({ family: 'gbdt', task: 'regression', params: { trees: 100 }, split: { kind: 'random', testFraction: 0.2 }, ...p }) as RunDetailDto;

describe('learning curve axes', () => {
  it('name the metric from the family, task and parameters', () => {
    expect(curveMetricName(run({}))).toBe('RMSE');
    expect(curveMetricName(run({ params: { loss: 'absolute' } }))).toBe('MAE');
    expect(curveMetricName(run({ task: 'binary' }))).toBe('log loss');
    expect(curveMetricName(run({ family: 'forest' }))).toBe('RMSE (out of bag)');
    expect(curveMetricName(run({ family: 'mlp' }))).toBe('MSE');
  });

  it('say RMSE and count whole iterations before the first point arrives', () => {
    const o = curveOption(run({}), {}, true) as { xAxis: { name: string; max?: number; minInterval: number; axisLabel: { formatter: (v: number) => string } }; yAxis: { name: string }; title: { text: string } };
    expect(o.yAxis.name).toBe('RMSE');
    expect(o.title.text).toMatch(/Waiting for the first iteration/);
    expect(o.xAxis.max).toBe(100);
    expect(o.xAxis.minInterval).toBe(1);
    expect(o.xAxis.axisLabel.formatter(12.5)).toBe('');
    expect(o.xAxis.axisLabel.formatter(1200)).toBe((1200).toLocaleString());
  });
});
