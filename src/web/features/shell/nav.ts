import type { Permission } from '../../../shared/domain/roles.ts';
import type { Me } from '../auth/auth.api.ts';
import { can } from '../auth/me-context.ts';

export interface NavItem {
  to: string;
  label: string;
  description: string;
  permission?: Permission;
}

/** The areas that exist today; each shows only to roles that may use it. */
export const NAV_ITEMS: NavItem[] = [
  { to: '/customers', label: 'Customers', description: 'Find a customer, see what they like, add notes', permission: 'customers.view' },
  {
    to: '/selling',
    label: 'Guided selling',
    description: 'Ask good questions and recommend from the answers, with honest reasons',
    permission: 'selling.assist',
  },
  {
    to: '/visits',
    label: 'Visits',
    description: 'Every visit step by step: who helped, what was asked, how it ended',
    permission: 'selling.assist',
  },
  { to: '/follow-ups', label: 'Follow-ups', description: 'Thank-yous, calls and check-ins you promised', permission: 'selling.run' },
  {
    to: '/feedback',
    label: 'Feedback',
    description: 'What customers said about their visits, and how it goes week by week',
    permission: 'feedback.view',
  },
  {
    to: '/special-orders',
    label: 'Special orders',
    description: 'Orders to deliver or be collected, soonest first',
    permission: 'sales.close',
  },
  { to: '/catalog', label: 'Catalog', description: 'What we sell, what it is like, and where it is in stock' },
  { to: '/sales', label: 'Sales', description: 'Sales and returns in your stores', permission: 'sales.close' },
  {
    to: '/stock/low',
    label: 'Low stock',
    description: 'What is running out in your store, and what is on its way',
    permission: 'stock.count',
  },
  {
    to: '/gestures',
    label: 'Gestures',
    description: 'Extra blooms, samples and gift wrap given, against the month’s budget',
    permission: 'store.reports',
  },
  {
    to: '/lost-demand',
    label: 'Lost demand',
    description: 'What customers asked for that we did not have, and what happened instead',
    permission: 'store.reports',
  },
  { to: '/today', label: 'Today', description: 'Your day at a glance' },
  { to: '/team', label: 'Team', description: 'Add people, change roles and stores, give reset links', permission: 'staff.view' },
  { to: '/stores', label: 'Stores', description: 'Addresses, locations and time zones' },
  {
    to: '/vocabulary',
    label: 'Vocabulary',
    description: 'The colours, styles and rooms your team chooses from',
    permission: 'catalog.edit',
  },
  {
    to: '/selling/question-sets',
    label: 'Question sets',
    description: 'What guided selling asks, why, and what each answer means',
    permission: 'selling.configure',
  },
  {
    to: '/visits/roadmap',
    label: 'Roadmap',
    description: 'The steps of a good visit, with guidance for each',
    permission: 'selling.configure',
  },
  { to: '/tokens', label: 'API tokens', description: 'Connect your till, web shop or other systems', permission: 'tokens.manage' },
  { to: '/account', label: 'My account', description: 'Password, PIN and this tablet' },
];

export function navFor(me: Me): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || can(me, item.permission));
}
