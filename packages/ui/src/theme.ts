import { createTheme, type MantineColorsTuple, Modal, Notification } from '@mantine/core';

/** A calm, trustworthy blue-teal for a finance product. */
const brand: MantineColorsTuple = [
  '#e6f6f7',
  '#d5ebed',
  '#aed5d9',
  '#84bec4',
  '#62abb2',
  '#4b9fa7',
  '#3d99a2',
  '#2c858e',
  '#1e767f',
  '#006670',
];

export const theme = createTheme({
  primaryColor: 'brand',
  colors: { brand },
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    // Icon-only close buttons need a name for screen readers.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } }),
  },
});
