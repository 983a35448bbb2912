import type { DatasetDetailDto } from '../../../shared/api/datasets-dto';

/**
 * What a run records about the data it trains on: the source file's sha256 and the dataset's
 * version (an append keeps the source file but adds rows; the version tells them apart).
 */
export function datasetStamp(d: DatasetDetailDto): { datasetSha256: string | null; datasetVersion: number } {
  return { datasetSha256: d.sourceSha256, datasetVersion: d.version };
}
