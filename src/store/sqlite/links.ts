// Meeting identity in the SQLite archive: the links are ../meeting-links.ts's; here documents.linked and the rollup's
// meeting counts follow them as they change (a stored readout joining its meeting, a user's link and unlink).
import type { ReadoutRecord } from '../../record/schema.js';
import { UsageError } from '../../errors.js';
import type { MeetingLinks } from '../meeting-links.js';
import { MEETING_SERIES, rollupSeries } from '../rows.js';
import type { Rollup } from './rollup.js';
import type { Sql } from './sql.js';

export class Linker {
  constructor(private readonly s: Sql, readonly links: MeetingLinks, private readonly rollup: Rollup) {}

  /** A readout just written (document key `doc`) joins the meeting it reports, when one is stored. */
  autoLink(id: string, sha256: string, doc: number, record: ReadoutRecord): void {
    this.sync(this.links.autoLink(id, sha256, doc, record));
  }

  /** Document `a` reports the meeting of `b` (a user's word); the meeting's id. */
  link(a: string, b: string): string {
    const { meeting, touched } = this.links.link(this.refOf(a), this.refOf(b));
    this.sync(touched);
    return meeting;
  }

  /** Document `a` is a meeting of its own (a user's word). */
  unlink(a: string): void {
    this.sync(this.links.unlink(this.refOf(a)));
  }

  /** Brings `documents.linked` and the meeting counts of the rollup in line with `links` for these documents: a
   *  readout that joined a meeting stops counting as one, one that left it counts again. */
  sync(ids: readonly string[]): void {
    for (const id of ids) {
      const row = this.s.q(`SELECT d.doc, d.ym, d.linked, b.record FROM documents d JOIN bodies b ON b.doc = d.doc
        WHERE d.id = ?`).get(id) as { doc: number; ym: number; linked: number; record: string } | undefined;
      if (!row || row.doc < 0) continue;
      const linked = this.links.linkOf(id) ? 1 : 0;
      if (linked === row.linked) continue;
      this.s.q('UPDATE documents SET linked = ? WHERE doc = ?').run(linked, row.doc);
      const series = rollupSeries(JSON.parse(row.record) as ReadoutRecord).filter((k) => k.startsWith(MEETING_SERIES));
      this.rollup.bump(series, row.ym, linked ? -1 : 1);
    }
  }

  private refOf(id: string): { id: string; sha256: string } {
    const row = this.s.q('SELECT id, sha256 FROM documents WHERE id = ?').get(id) as
      { id: string; sha256: string } | undefined;
    if (!row) throw new UsageError(`no document with id ${id}`);
    return row;
  }
}
