/**
 * @onetrip/simulator: synthetic government-service journeys with known ground truth.
 * See docs/simulator.md for the world's rules and parameters.
 */
export { DEFAULT_SIMULATION, demoOptions, resolveOptions, type SimulationOptions } from './options';
export { simulate, simulateJourneys, uptakeAt } from './simulate';
export type { SimulatedEvent, SimulatedJourney } from './journey';
export {
  createTruth,
  journeyTruth,
  TruthAccumulator,
  type GroundTruth,
  type JourneyTruth,
  type PeriodTruth,
  type TripTruth,
  type EdgeTruth,
} from './truth';
export {
  COLUMNS,
  SIMULATOR_MAPPING,
  SIMULATOR_MINING_OPTIONS,
  FORMATS,
  csvEncoder,
  encode,
  encoderFor,
  ndjsonEncoder,
  toCsv,
  toNdjson,
  toXes,
  xesEncoder,
  type Encoder,
  type Format,
} from './writers';
export { formatTimestamp, isWorkingDay, parseDay } from './calendar';
export {
  ACTIVITIES,
  HALLS,
  SERVICES,
  SOURCE_SYSTEMS,
  type Behaviour,
  type Channel,
  type Lang,
  type ServiceCode,
  type SourceSystem,
} from './world';
export {
  GBT_HEADERS,
  GBT_TABLES,
  gbtCsvHeader,
  gbtCsvLine,
  gbtTables,
  wallTime,
  type GbtRow,
  type GbtRows,
  type GbtTable,
} from './gbt-tables';
