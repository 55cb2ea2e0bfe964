import { crc32, deflateSync } from 'node:zlib';
import type { LocalStack } from './stack';

/**
 * A small truecolour PNG painted by `colour(x, y)`: what the demo uploads for tagging (real PNG bytes,
 * so the image check and the Rekognition stand-in read it as a user's upload would be read).
 *
 * @example
 * const png = makePng(64, 48, (x) => (x < 32 ? [20, 90, 200] : [240, 200, 40]));
 */
export function makePng(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = colour(x, y);
      rows.set([r, g, b], row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The first bytes of an MP4 file (an `ftyp` box): enough for format detection, as the demo's video.
 *
 * @example
 * const mp4 = makeMp4Header();
 */
export function makeMp4Header(): Buffer {
  const ftyp = Buffer.alloc(32);
  ftyp.writeUInt32BE(32, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isomiso2avc1mp41', 16, 'latin1');
  return Buffer.concat([ftyp, Buffer.alloc(1024)]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0, 0);
  return Buffer.concat([length, typed, crc]);
}

/**
 * The `detail` of a `SageMaker Training Job State Change` event for job `<model>-training-<run>` that completed
 * now, tagged as version 7 of `model`, with its artifact in the stack's models bucket and two final metrics.
 *
 * @example
 * ```ts
 * await stack.bus.putEvent({ source: 'aws.sagemaker', detailType: 'SageMaker Training Job State Change', detail: completedTrainingJobDetail(stack, 'churn', '7') }, { region: stack.region, accountId: stack.accountId });
 * ```
 */
export function completedTrainingJobDetail(stack: LocalStack, model: string, run: string): Record<string, unknown> {
  const job = `${model}-training-${run}`;
  const now = Date.now();
  return {
    TrainingJobName: job,
    TrainingJobArn: `arn:aws:sagemaker:${stack.region}:${stack.accountId}:training-job/${job}`,
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    HyperParameters: { epochs: '20' },
    AlgorithmSpecification: { TrainingImage: `683313688378.dkr.ecr.${stack.region}.amazonaws.com/sagemaker-xgboost:1.7-1`, TrainingInputMode: 'File' },
    RoleArn: `arn:aws:iam::${stack.accountId}:role/sagemaker-training`,
    ModelArtifacts: { S3ModelArtifacts: `s3://${stack.buckets.models}/models/${model}/7/output/model.tar.gz` },
    FinalMetricDataList: [
      { MetricName: 'validation:auc', Value: 0.912, Timestamp: now },
      { MetricName: 'train:logloss', Value: 0.231, Timestamp: now },
    ],
    TrainingStartTime: now - 600_000,
    TrainingEndTime: now,
    LastModifiedTime: now,
    Tags: { 'notifier:model-name': model, 'notifier:model-version': '7' },
  };
}
