// The course categories as the options of a <Select>, for the catalog's filter and HR's course form.
import { useTranslation } from 'react-i18next';
import { COURSE_CATEGORIES } from '../../../src/training/training.contract.ts';
import { Options } from '../shell/options.tsx';

export function CategoryOptions() {
  const { t } = useTranslation('training');
  return <Options values={COURSE_CATEGORIES} labelOf={(value) => t(`category.${value}`)} />;
}
