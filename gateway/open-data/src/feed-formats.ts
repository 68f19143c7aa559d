/**
 * A list of programme events as an Atom feed (RFC 4287) and as a JSON Feed (1.1). Links are
 * absolute (`origin`); a feed from a partial walk says which partners are missing.
 */
import { IMPORTED_LICENCE, LICENCE, RIGHTS } from './descriptors.js';
import { escapeMarkup as xml } from './markup.js';
import { parisMidnight } from './paris-time.js';
import { EVENT_LABELS, type ProgrammeEvents } from './programme-events.js';

export interface FeedMeta {
  /** Stable id of the feed itself (a tag URI). */
  id: string;
  title: string;
  description: string;
  /** Absolute URL of this feed. */
  self: string;
  /** Absolute URL of the page it follows (the dashboard). */
  home: string;
  /** Where relative pages (`#/startups/…`) are resolved. */
  origin: string;
}

/** Dates are days: an event happened on that day, at its start in Paris for the feed. */
const instant = parisMidnight;

function description(meta: FeedMeta, missing: readonly string[]): string {
  return missing.length ? `${meta.description} Partiel : les partenaires ${missing.join(', ')} n’ont pas répondu.` : meta.description;
}

/** Newest event's day, or now: a feed's `updated` changes only when an event does. */
const updatedOf = (feed: ProgrammeEvents) =>
  feed.events[0] ? instant(feed.events[0].date) : new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** The events as an Atom feed (RFC 4287), newest first. */
export function atomFeed(feed: ProgrammeEvents, meta: FeedMeta): string {
  const entries = feed.events
    .map(
      (e) => `  <entry>
    <id>${xml(e.id)}</id>
    <title>${xml(e.title)}</title>
    <updated>${instant(e.date)}</updated>
    <published>${instant(e.date)}</published>
    <link rel="alternate" type="text/html" href="${xml(`${meta.origin}/${e.page}`)}"/>
    <category term="${e.kind}" label="${xml(EVENT_LABELS[e.kind])}"/>
    <summary>${xml(e.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>${xml(meta.id)}</id>
  <title>${xml(meta.title)}</title>
  <subtitle>${xml(description(meta, feed.missingPartners))}</subtitle>
  <updated>${updatedOf(feed)}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(meta.self)}"/>
  <link rel="alternate" type="text/html" href="${xml(meta.home)}"/>
  <link rel="license" href="${xml(LICENCE.path)}"/>
  <link rel="license" href="${xml(IMPORTED_LICENCE.path)}"/>
  <author><name>Incubateurs du programme beta.gouv.fr, via GouvGraph</name></author>
  <rights>${xml(RIGHTS)}</rights>
  <generator>GouvGraph</generator>
${entries}
</feed>
`;
}

/** The same events as a JSON Feed 1.1, with completeness and licences in its `_gouvgraph` extension. */
export function jsonFeed(feed: ProgrammeEvents, meta: FeedMeta): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: meta.title,
      home_page_url: meta.home,
      feed_url: meta.self,
      description: description(meta, feed.missingPartners),
      language: 'fr',
      authors: [{ name: 'Incubateurs du programme beta.gouv.fr, via GouvGraph' }],
      _gouvgraph: {
        id: meta.id,
        licences: [LICENCE, IMPORTED_LICENCE],
        rights: RIGHTS,
        complete: feed.missingPartners.length === 0,
        missing_partners: feed.missingPartners,
      },
      items: feed.events.map((e) => ({
        id: e.id,
        url: `${meta.origin}/${e.page}`,
        title: e.title,
        content_text: e.summary,
        date_published: instant(e.date),
        tags: [EVENT_LABELS[e.kind]],
      })),
    },
    null,
    2,
  );
}
