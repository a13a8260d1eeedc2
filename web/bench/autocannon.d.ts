/** The slice of autocannon 9's programmatic API the benchmarks use (the package ships no types). */
declare module "autocannon" {
  interface Options {
    url: string;
    connections?: number;
    /** seconds */
    duration?: number;
    headers?: Record<string, string>;
    timeout?: number;
  }
  interface Instance {
    on(
      event: "response",
      listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
    ): Instance;
  }
  /** Runs a load test; the result is validated by the caller. */
  function autocannon(options: Options, callback: (err: Error | null, result: unknown) => void): Instance;
  export default autocannon;
}
