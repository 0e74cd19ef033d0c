import { z } from 'zod';
import { definePlugin, type PluginContext } from '../../src/plugin/index.js';
import { defineAction, type ActionForm, type ActionSession, type LaunchContext } from '../../src/action/index.js';
import { findCandidates, mayHoldCandidates, type Candidate, type QuerySession } from './candidates.js';
import { EncodeRunner, summarize, type EncodeSession } from './encoder.js';

/**
 * The bundled "Encode media" action: offered on components in the server
 * location (and on versions, for their source components); a launch encodes
 * them with `encode_media`, follows the jobs and tells the user the outcome.
 * Arguments: see `schema` below and docs/plugins.md.
 */

export const DEFAULT_FILE_TYPES = [
  '.mov', '.mp4', '.m4v', '.avi', '.mkv', '.mxf', '.webm', '.mpg', '.mpeg', '.gif', '.wmv', '.flv',
  '.png', '.jpg', '.jpeg', '.exr', '.dpx', '.tif', '.tiff', '.tga', '.bmp', '.webp',
] as const;

export const schema = z.object({
  /** Action identifier (`data.actionIdentifier`). */
  identifier: z.string().min(1).default('ftrack-host.encode-media'),
  label: z.string().min(1).default('Encode media'),
  variant: z.string().optional(),
  description: z.string().default('Encode for web review (H.264 mp4 of video, JPEG review image and thumbnail)'),
  icon: z.string().optional(),
  /** Only these usernames see the action. */
  allowedUsers: z.array(z.string()).optional(),
  /** Only users with one of these security roles see the action. */
  allowedRoles: z.array(z.string()).optional(),
  /** File types offered (with or without the dot, any case). */
  fileTypes: z.array(z.string().min(1)).min(1).default([...DEFAULT_FILE_TYPES]),
  /** Encodes running at once, over all launches. */
  maxConcurrent: z.number().int().positive().default(2),
  /** How long to follow one job before reporting it as failed, ms. */
  jobTimeoutMs: z.number().int().positive().default(15 * 60_000),
  /** Keep the source components after encoding. */
  keepOriginal: z.boolean().default(true),
});

export type EncodeMediaArguments = z.output<typeof schema>;
type PluginSession = ActionSession & QuerySession & EncodeSession;

/** Form field name of one candidate. */
const fieldOf = (c: Candidate): string => `component_${c.id}`;

export default definePlugin<PluginSession, EncodeMediaArguments>({
  name: 'encode-media',
  schema,
  register(session, args, context: PluginContext) {
    const logger = context.logger;
    const runner = new EncodeRunner(session, logger, args);
    const resolve = (selection: LaunchContext<PluginSession>['selection']) => findCandidates(session, selection, args.fileTypes);

    const action = defineAction<PluginSession>({
      identifier: args.identifier,
      label: args.label,
      description: args.description,
      ...(args.variant !== undefined ? { variant: args.variant } : {}),
      ...(args.icon !== undefined ? { icon: args.icon } : {}),
      ...(args.allowedUsers ? { allowedUsers: args.allowedUsers } : {}),
      ...(args.allowedRoles ? { allowedRoles: args.allowedRoles } : {}),
      // Synchronous "no" for selections without components or versions (most menu openings: tasks,
      // projects…), so those discovers cost no query; the others are checked against the server.
      match: (selection) => mayHoldCandidates(selection) && resolve(selection).then((found) => found.candidates.length > 0),
      launch: async (ctx) => {
        const { candidates, rejected } = await resolve(ctx.selection);
        if (candidates.length === 0) {
          const why = rejected.length > 0 ? ` (${rejected.map((r) => r.reason).join('; ')})` : '';
          return { success: false, message: `Nothing to encode in the selection${why}.` };
        }
        const userKey = ctx.user.id ?? ctx.user.username ?? 'unknown';
        let chosen = candidates;
        if (candidates.length > 1) {
          if (!ctx.values) return chooseForm(args.label, candidates);
          chosen = candidates.filter((c) => isTrue(ctx.values![fieldOf(c)]));
          if (chosen.length === 0) return { success: false, message: 'No component was chosen; nothing to encode.' };
        }
        const ids = chosen.map((c) => c.id);
        const busy = runner.alreadyRunning(userKey, ids);
        if (busy.length > 0) {
          const names = chosen.filter((c) => busy.includes(c.id)).map((c) => c.name);
          return { success: false, message: `${args.label} is already running for ${names.join(', ')}; you will get a message when it finishes.` };
        }
        runner.claim(userKey, ids);
        ctx.background(async () => {
          const outcomes = await runner.encodeAll(userKey, chosen, context.signal);
          const summary = summarize(args.label, outcomes);
          await ctx.sendMessage(summary.message, summary.success);
        });
        const what = chosen.length === 1 ? `"${chosen[0]!.name}"` : `${chosen.length} components`;
        return { success: true, message: `Encoding ${what}… you will get a message when it is done.` };
      },
    });
    const registration = action.register(session, args, context);
    logger.debug({ identifier: args.identifier, subscriptions: registration.subscriptions.length }, 'encode-media registered');
  },
});

function chooseForm(label: string, candidates: readonly Candidate[]): ActionForm {
  return {
    title: `${label}: choose components`,
    submit_button_label: 'Encode',
    items: [
      { type: 'label', value: `The selection holds ${candidates.length} components that can be encoded. Choose which:` },
      ...candidates.map((c) => ({ type: 'boolean' as const, name: fieldOf(c), label: `${c.name} (${c.fileType || c.entityType})`, value: true })),
    ],
  };
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}
