import { makeStyles } from '@fluentui/react-components';

/**
 * Native date and time inputs draw their calendar and clock icons in the browser's colour scheme: on the
 * dark and high-contrast Teams themes they would be dark on dark unless told the scheme is dark.
 */
export const usePickerStyles = makeStyles({
  native: {
    ':global([data-theme="dark"])': { colorScheme: 'dark' },
    ':global([data-theme="contrast"])': { colorScheme: 'dark' },
  },
});
