// A career design with nothing written yet: the fields of its PUT body, for tests to start from.
import type { CareerDesignInput } from '../../src/growth/career.contract.ts';

export const blankCareerDesign: Omit<CareerDesignInput, 'version'> = {
  visionMidTerm: '',
  visionLongTerm: '',
  path: 'undecided',
  pathField: '',
  interests: [],
  qualificationsHeld: [],
  qualificationsPlanned: [],
  trainingsWanted: [],
  rotation: [],
};
