/** A request the forecasting engine cannot honour, naming the input at fault so a form can point at it. */
export class ForecastInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ForecastInputError';
  }
}
