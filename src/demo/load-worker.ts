/** Worker thread of a parallel demo load: generates a range of customers into the writer it is given. */
import { runOffloadedPart } from '../storage/bulk.js';
import { DemoGenerator, type GeneratorOptions } from './generator.js';

export interface DemoPart {
  options: GeneratorOptions;
  from: number;
  to: number;
  step: number;
}

await runOffloadedPart(async (writer, data, report) => {
  const { options, from, to, step } = data as DemoPart;
  const generator = new DemoGenerator(options, writer);
  generator.generateOrganisation(false); // the staff the customers refer to; written by the main thread
  await generator.generateRange(from, to, step, report);
  return generator.counts;
});
