// Content hashes: the record's source.sha256 and the archive's dedupe key.
import { hash } from 'node:crypto';

/** Hex SHA-256 of bytes or of a string's UTF-8; the one-shot call costs a third of createHash().update().digest(). */
export const sha256Hex = (data: string | Uint8Array): string => hash('sha256', data, 'hex');
