import { api } from '../../api.ts';

export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  api<void>('/api/me/password', { method: 'POST', body });
export const setPin = (body: { password: string; pin: string }) => api<void>('/api/me/pin', { method: 'PUT', body });
