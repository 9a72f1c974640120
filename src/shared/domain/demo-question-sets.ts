import type { QuestionSetDefinition } from './question-sets.ts';

/**
 * The demo retailers' question sets, written from the brief: the florists "asked many questions
 * about décor"; the security officer asked about "dominant colours, complementary furniture and
 * frequency of use". Keys refer to the demo vocabularies.
 */
export const FLORIST_QUESTIONS: QuestionSetDefinition = {
  name: 'Flowers for an occasion',
  purpose: 'Bouquets, arrangements and stems for a moment or a room',
  questions: [
    {
      key: 'occasion',
      prompt: 'What are the flowers for?',
      help: 'The occasion sets the tone: sympathy flowers and birthday flowers are chosen very differently.',
      type: 'vocabulary',
      vocabulary: 'occasion',
      maps: [{ attribute: 'occasions', weight: 3 }],
      fills: 'occasion',
    },
    {
      key: 'recipient',
      prompt: 'Who are they for?',
      help: 'Knowing the person (a partner, a colleague, a grandmother) helps you suggest what they will love.',
      type: 'single',
      choices: [
        { value: 'self', label: 'For themselves' },
        { value: 'partner', label: 'A partner' },
        { value: 'family', label: 'Family' },
        { value: 'friend', label: 'A friend' },
        { value: 'colleague', label: 'A colleague or client' },
      ],
    },
    {
      key: 'place',
      prompt: 'Where will they stand?',
      help: 'A dining table wants low flowers people can talk over; a hallway can take something tall.',
      type: 'vocabulary',
      vocabulary: 'room',
      maps: [{ attribute: 'rooms', weight: 1 }],
      askIf: { question: 'recipient', anyOf: ['self', 'family', 'partner'] },
      context: 'the room',
    },
    {
      key: 'palette',
      prompt: 'Which colours are in the room, or do they love?',
      help: 'Flowers that pick up the room’s colours look as if they belong there.',
      type: 'vocabulary',
      vocabulary: 'colour',
      maps: [{ attribute: 'colours', weight: 3 }],
      fills: 'colour-liked',
      context: 'the colours you described',
    },
    {
      key: 'style',
      prompt: 'Which style suits them?',
      help: 'Romantic, wild garden, minimalist: the style decides the shape and the mix of stems.',
      type: 'vocabulary',
      vocabulary: 'style',
      maps: [{ attribute: 'styles', weight: 2 }],
      fills: 'style',
    },
    {
      key: 'lifespan',
      prompt: 'Fresh, silk, or either?',
      help: 'Silk lasts for years and suits a place with no one to water; fresh has the scent and the life.',
      type: 'single',
      choices: [
        { value: 'fresh', label: 'Fresh', means: { lifespan: ['fresh', 'potted'] } },
        { value: 'silk', label: 'Silk or dried', means: { lifespan: ['silk', 'dried'] } },
        { value: 'either', label: 'Either' },
      ],
      maps: [{ attribute: 'lifespan', weight: 2 }],
    },
    {
      key: 'scent',
      prompt: 'How much scent?',
      help: 'Some people love a scented room; others (and dining tables) are better without.',
      type: 'single',
      choices: [
        { value: 'none', label: 'None', means: { scent: ['none'] } },
        { value: 'light', label: 'A little', means: { scent: ['light', 'none'] } },
        { value: 'strong', label: 'Lots', means: { scent: ['strong'] } },
      ],
      maps: [{ attribute: 'scent', weight: 1 }],
    },
    {
      key: 'pets',
      prompt: 'Is there a cat or dog at home?',
      help: 'Lilies and some other flowers are dangerous for cats: only pet-safe flowers are suggested when there is one.',
      type: 'single',
      choices: [
        { value: 'yes', label: 'Yes', rule: 'pet-safe' },
        { value: 'no', label: 'No' },
      ],
      context: 'a pet at home',
    },
    {
      key: 'quantity',
      prompt: 'How many stems or arrangements?',
      help: 'Stock and partial plans are checked for the whole quantity.',
      type: 'quantity',
    },
    {
      key: 'budget',
      prompt: 'What would they like to spend?',
      help: 'Suggestions stay inside it. Ask whether it is firm: if not, at most two closer fits above it are shown, apart.',
      type: 'budget',
      fills: 'budget',
    },
  ],
};

export const HOME_DECOR_QUESTIONS: QuestionSetDefinition = {
  name: 'Dressing a room',
  purpose: 'Cushions, throws, rugs, lamps and accessories for a room',
  questions: [
    {
      key: 'room',
      prompt: 'Which room is it for?',
      help: 'Living rooms and bedrooms are used differently; the room decides size and durability.',
      type: 'vocabulary',
      vocabulary: 'room',
      maps: [{ attribute: 'rooms', weight: 1 }],
      fills: 'room',
      context: 'the room',
    },
    {
      key: 'colours',
      prompt: 'Which colours lead in the room?',
      help: 'The dominant colours (the sofa, the walls) decide which colourway will sit well.',
      type: 'vocabulary',
      vocabulary: 'colour',
      maps: [{ attribute: 'colours', weight: 3 }],
      fills: 'room',
      context: 'your room',
    },
    {
      key: 'furniture',
      prompt: 'What is the furniture made of?',
      help: 'Oak, walnut, velvet, leather: pieces that echo the furniture look chosen, not added.',
      type: 'vocabulary',
      vocabulary: 'material',
      maps: [{ attribute: 'materials', weight: 1.5 }],
      context: 'your furniture',
    },
    {
      key: 'style',
      prompt: 'How would they describe the style?',
      help: 'A mid-century room and a farmhouse kitchen want different shapes and patterns.',
      type: 'vocabulary',
      vocabulary: 'style',
      maps: [{ attribute: 'styles', weight: 2 }],
      fills: 'style',
    },
    {
      key: 'use',
      prompt: 'How often is the room used?',
      help: 'A family room in daily use needs things that are easy to care for.',
      type: 'single',
      choices: [
        { value: 'daily', label: 'Every day, by the whole family', means: { care: ['none', 'easy'] } },
        { value: 'weekly', label: 'Most weeks', means: { care: ['none', 'easy', 'moderate'] } },
        { value: 'occasionally', label: 'Now and then (a guest room)' },
      ],
      maps: [{ attribute: 'care', weight: 1 }],
      fills: 'frequency',
    },
    {
      key: 'light',
      prompt: 'How much light does the room get?',
      help: 'Dark rooms take lighter colours and lamps; bright rooms can take deep tones.',
      type: 'single',
      choices: [
        { value: 'low', label: 'Not much' },
        { value: 'medium', label: 'Some' },
        { value: 'bright', label: 'Lots' },
      ],
    },
    {
      key: 'budget',
      prompt: 'What would they like to spend?',
      help: 'Suggestions stay inside it. Ask whether it is firm: if not, at most two closer fits above it are shown, apart.',
      type: 'budget',
      fills: 'budget',
    },
  ],
};
