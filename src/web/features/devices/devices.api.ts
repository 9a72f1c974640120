import { api } from '../../api.ts';
import type { Me } from '../auth/auth.api.ts';

/** Makes this browser a shared store device; answers with the person, now on that device. */
export const registerDevice = (body: { storeId: string; name: string }) => api<Me>('/api/devices', { method: 'POST', body });
/** Stops this browser being a store device. */
export const forgetDevice = () => api<void>('/api/device', { method: 'DELETE' });
