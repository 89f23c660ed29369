import { notifications } from '@mantine/notifications';
import { formatError } from './errors.ts';

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message, autoClose: 4000 });
}

export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({ color: 'red', title, message: formatError(error), autoClose: 8000 });
}
