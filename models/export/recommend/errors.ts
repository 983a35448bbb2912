/** A recommender that cannot be exported as an ONNX scorer; the message says why and what would export. */
export class RecommendExportError extends Error {
  override name = 'RecommendExportError';
}
