import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatColdStartReport, formatTargetVerdict, measureColdStart, type ColdStartFigures } from '../build';

/** Figures of one subject, for the report functions. */
function figure(name: string, medianMs: number, medianCpuMs: number): ColdStartFigures {
  return { name, file: `/x/${name}`, bytes: 2048, gzipBytes: 1024, medianMs, p90Ms: medianMs * 2, minMs: medianMs / 2, medianCpuMs, samplesMs: [medianMs] };
}

describe('Function: measureColdStart', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lambda-kit-bench-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads ESM and CommonJS subjects in fresh processes and reports size and times per subject', async () => {
    // Prepare
    writeFileSync(join(dir, 'a.mjs'), `export const env = process.env.BENCH_MARK; if (env !== 'on') throw new Error('env not passed');\n`);
    writeFileSync(join(dir, 'b.cjs'), `module.exports = require('node:path').sep;\n`);

    // Act
    const figures = await measureColdStart(
      [
        { name: 'esm', file: join(dir, 'a.mjs') },
        { name: 'cjs', file: join(dir, 'b.cjs') },
      ],
      { samples: 3, env: { ...process.env, BENCH_MARK: 'on' } },
    );

    // Assess
    expect(figures.map((f) => [f.name, f.samplesMs.length])).toEqual([
      ['esm', 3],
      ['cjs', 3],
    ]);
    for (const f of figures) {
      expect(f.medianMs).toBeGreaterThan(0);
      expect(f.medianCpuMs).toBeGreaterThan(0);
      expect(f.minMs).toBeLessThanOrEqual(f.medianMs);
      expect(f.p90Ms).toBeGreaterThanOrEqual(f.medianMs);
    }
    expect(figures[1]?.bytes).toBe(Buffer.byteLength(`module.exports = require('node:path').sep;\n`));
  });

  it('fails, naming the subject, when a subject cannot be loaded', async () => {
    // Prepare
    writeFileSync(join(dir, 'bad.mjs'), `throw new Error('broken at load');\n`);

    // Act
    const run = measureColdStart([{ name: 'bad', file: join(dir, 'bad.mjs') }], { samples: 1 });

    // Assess
    await expect(run).rejects.toThrow(/^bad: cannot be loaded: [\s\S]*broken at load/);
  });
});

describe('Function: formatColdStartReport', () => {
  it('prints every subject with its ratio to the baseline', () => {
    // Prepare
    const figures = [figure('app', 10, 5), figure('baseline', 400, 200)];

    // Act
    const report = formatColdStartReport(figures, 'baseline');

    // Assess
    const [header, app, baseline] = report.split('\n');
    expect(header).toMatch(/^subject\s+KiB\s+gzip KiB\s+median ms\s+p90 ms\s+median cpu ms\s+ratio \(wall\)\s+ratio \(cpu\)$/);
    expect(app?.split(/\s{2,}/).map((c) => c.trim()).filter(Boolean)).toEqual(['app', '2.0', '1.0', '10.00', '20.00', '5.00', '40.0x', '40.0x']);
    expect(baseline?.split(/\s{2,}/).map((c) => c.trim()).filter(Boolean)).toEqual(['baseline', '2.0', '1.0', '400.00', '800.00', '200.00', '-', '-']);
  });
});

describe('Function: formatTargetVerdict', () => {
  it('states the target, the time it allows, the floor and each subject\'s ratio and verdict', () => {
    // Prepare
    const figures = [figure('fast.mjs', 4, 3), figure('slow.mjs', 20, 16), figure('empty', 2.5, 2.5), figure('baseline', 160, 150)];

    // Act
    const verdict = formatTargetVerdict(figures, { baselineName: 'baseline', subjects: ['fast.mjs', 'slow.mjs'], floorName: 'empty' });

    // Assess
    expect(verdict.split('\n')).toEqual([
      "target: cold load <= 1/40 of the baseline's, i.e. <= 4.00 ms (baseline 160.00 ms wall, 150.00 ms CPU, median)",
      'an empty module loaded the same way takes 2.50 ms: no bundle can do better than 1/64.0 here',
      'fast.mjs: 4.00 ms = 1/40.0 of the baseline (CPU 3.00 ms = 1/50.0); target 1/40: met',
      'slow.mjs: 20.00 ms = 1/8.0 of the baseline (CPU 16.00 ms = 1/9.4); target 1/40: MISSED (5.0x over the 4.00 ms allowed)',
    ]);
  });

  it('refuses figures without the baseline', () => {
    // Act & Assess
    expect(() => formatTargetVerdict([figure('app', 1, 1)], { baselineName: 'baseline', subjects: ['app'] })).toThrow('no figures for the baseline baseline');
  });
});
