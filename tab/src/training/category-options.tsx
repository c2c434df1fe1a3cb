// The course categories as the options of a <Select>, for the catalog's filter and HR's course form.
import { useTranslation } from 'react-i18next';
import { COURSE_CATEGORIES } from '../../../src/training/training.contract.ts';

export function CategoryOptions() {
  const { t } = useTranslation('training');
  return (
    <>
      {COURSE_CATEGORIES.map((value) => (
        <option key={value} value={value}>
          {t(`category.${value}`)}
        </option>
      ))}
    </>
  );
}
