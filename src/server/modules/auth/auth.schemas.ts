import { Type } from 'typebox';
import { PERMISSIONS } from '../../../shared/domain/roles.ts';
import { Email, Password, Pin } from '../../http/schemas.ts';

export const RoleSchema = Type.Union(
  [Type.Literal('owner'), Type.Literal('manager'), Type.Literal('associate'), Type.Literal('ambassador')],
  { description: 'owner, manager, associate or ambassador' },
);

export const StoreRefSchema = Type.Object({ id: Type.String(), name: Type.String(), timeZone: Type.String() });

export const MeSchema = Type.Object(
  {
    staff: Type.Object({
      id: Type.String(),
      name: Type.String(),
      email: Type.String(),
      role: RoleSchema,
      title: Type.Union([Type.String(), Type.Null()]),
      hasPin: Type.Boolean(),
    }),
    retailer: Type.Object({
      id: Type.String(),
      name: Type.String(),
      slug: Type.String(),
      country: Type.String(),
      currency: Type.String(),
      locale: Type.String(),
      phoneRegion: Type.String(),
    }),
    stores: Type.Array(StoreRefSchema),
    currentStoreId: Type.Union([Type.String(), Type.Null()]),
    device: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), storeId: Type.String() }), Type.Null()]),
    retailers: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
      description: 'Retailers this person may switch to (signed in with the same e-mail and password)',
    }),
    permissions: Type.Array(Type.String(), { description: `What this person may do: ${Object.keys(PERMISSIONS).join(', ')}` }),
  },
  { title: 'Me' },
);

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const PinBody = Type.Object({ staffId: Type.String({ maxLength: 40 }), pin: Pin }, { additionalProperties: false });

export const DeviceSchema = Type.Object({
  device: Type.Union([
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      storeId: Type.String(),
      storeName: Type.String(),
      retailerName: Type.String(),
    }),
    Type.Null(),
  ]),
  staff: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      role: RoleSchema,
      title: Type.Union([Type.String(), Type.Null()]),
      hasPin: Type.Boolean(),
    }),
  ),
});

export const RegisterDeviceBody = Type.Object(
  { storeId: Type.String({ maxLength: 40 }), name: Type.String({ minLength: 1, maxLength: 80 }) },
  { additionalProperties: false },
);

export const SwitchStoreBody = Type.Object({ storeId: Type.String({ maxLength: 40 }) }, { additionalProperties: false });
export const SwitchRetailerBody = Type.Object({ retailerId: Type.String({ maxLength: 40 }) }, { additionalProperties: false });

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false },
);

export const SetPinBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 200 }), pin: Pin },
  { additionalProperties: false },
);

export const ResetBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
  { additionalProperties: false },
);
