import { useQuery } from '@tanstack/react-query';
import type { QuestionSetDefinition } from '../../../../shared/domain/question-sets.ts';
import { api } from '../../../api.ts';

/** `GET /api/question-sets`: one set in the list, as its current version describes it. */
export interface QuestionSetSummary {
  id: string;
  name: string;
  purpose: string;
  active: boolean;
  version: number;
  questions: number;
  updatedAt: string;
}

/** `GET /api/question-sets/:id`: one version of a set; `currentVersion` goes back as If-Match. */
export interface QuestionSet {
  id: string;
  name: string;
  active: boolean;
  version: number;
  currentVersion: number;
  definition: QuestionSetDefinition;
  updatedAt: string;
}

export const QUESTION_SETS_KEY = ['question-sets'] as const;
export const questionSetKey = (id: string) => [...QUESTION_SETS_KEY, 'one', id] as const;

const path = (id: string) => `/api/question-sets/${encodeURIComponent(id)}`;

export function useQuestionSets() {
  return useQuery({
    queryKey: [...QUESTION_SETS_KEY, 'list'],
    queryFn: async ({ signal }) => (await api<{ items: QuestionSetSummary[] }>('/api/question-sets', { signal })).items,
  });
}

/** The current version of a set; disabled while a new one is being written. */
export function useQuestionSet(id: string, enabled = true) {
  return useQuery({
    queryKey: questionSetKey(id),
    queryFn: ({ signal }) => api<QuestionSet>(path(id), { signal }),
    enabled,
  });
}

/** Reads the current version afresh, past the cache (after someone else saved). */
export const fetchQuestionSet = (id: string) => api<QuestionSet>(path(id));

export const createQuestionSet = (definition: QuestionSetDefinition) =>
  api<QuestionSet>('/api/question-sets', { method: 'POST', body: definition });

/** Saves a new version edited from `version`; a colleague's newer save makes it fail with `stale_version`. */
export const saveQuestionSet = (id: string, version: number, body: QuestionSetDefinition & { active: boolean }) =>
  api<QuestionSet>(path(id), { method: 'PUT', body, headers: { 'if-match': `"${version}"` } });
