import {
  ActionIcon,
  Badge,
  Burger,
  Button,
  CloseButton,
  type CSSVariablesResolver,
  createTheme,
  Input,
  type MantineColorsTuple,
  Menu,
  Modal,
  NavLink,
  NumberInput,
  PasswordInput,
  Select,
  Switch,
  TextInput,
} from '@mantine/core';

/** A deep moss green: white text on shades 6–9 passes WCAG AA for normal text. */
const moss: MantineColorsTuple = [
  '#edf7f1',
  '#d9ede1',
  '#b2dac3',
  '#86c4a1',
  '#5fae82',
  '#3f9566',
  '#2f7a52',
  '#266845',
  '#1d5538',
  '#14412a',
];

/** Every touch target at least 44 px (WCAG 2.5.5), whatever size a component is given. */
const TOUCH = '2.75rem';
const atLeastTouch = (cssVar: string) => `max(${TOUCH}, var(${cssVar}))`;

export const theme = createTheme({
  primaryColor: 'moss',
  primaryShade: 7,
  colors: { moss },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Button: Button.extend({
      defaultProps: { size: 'md' },
      vars: (_theme, props) => ({ root: { '--button-height': atLeastTouch(`--button-height-${props.size ?? 'md'}`) } }),
      // Long labels wrap on a phone instead of being cut off.
      styles: {
        root: { height: 'auto', minHeight: 'var(--button-height)', paddingBlock: '0.375rem' },
        label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.25 },
      },
    }),
    Input: Input.extend({
      vars: (_theme, props) => ({ wrapper: { '--input-height': atLeastTouch(`--input-height-${props.size ?? 'md'}`) } }),
    }),
    TextInput: TextInput.extend({ defaultProps: { size: 'md' } }),
    PasswordInput: PasswordInput.extend({
      defaultProps: { size: 'md', visibilityToggleButtonProps: { 'aria-label': 'Show or hide the password' } },
      vars: () => ({ root: { '--psi-button-size': TOUCH, '--psi-icon-size': '1.375rem' } }),
    }),
    NumberInput: NumberInput.extend({ defaultProps: { size: 'md' } }),
    Select: Select.extend({ defaultProps: { size: 'md', allowDeselect: false, withCheckIcon: true } }),
    ActionIcon: ActionIcon.extend({ defaultProps: { size: 'xl' } }),
    CloseButton: CloseButton.extend({ defaultProps: { size: 'xl' } }),
    Modal: Modal.extend({
      defaultProps: { size: 'lg', centered: true, closeButtonProps: { 'aria-label': 'Close dialog' } },
      styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-xl)' } },
    }),
    Badge: Badge.extend({ defaultProps: { size: 'lg' }, styles: { root: { textTransform: 'none' } } }),
    Menu: Menu.extend({ styles: { item: { minHeight: TOUCH, fontSize: 'var(--mantine-font-size-md)' } } }),
    NavLink: NavLink.extend({
      styles: { root: { minHeight: '3rem', borderRadius: 'var(--mantine-radius-md)' }, label: { fontSize: 'var(--mantine-font-size-md)' } },
    }),
    Switch: Switch.extend({ styles: { body: { minHeight: TOUCH, alignItems: 'center' } } }),
    Burger: Burger.extend({ styles: { root: { width: TOUCH, height: TOUCH, padding: '0.625rem' } } }),
  },
});

/** Dimmed and error text darker than Mantine's defaults so both keep a 4.5:1 contrast on white. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057', '--mantine-color-error': t.colors.red[9] ?? '#c92a2a' },
  dark: {},
});
