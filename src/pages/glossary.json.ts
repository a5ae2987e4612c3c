/**
 * /glossary.json: each term's name and definition by id, for the cards `<Term>` shows. Built from the same registry
 * as /glossary/, and fetched by a page only when a reader first hovers or focuses a term.
 */
import type { APIRoute } from 'astro';
import { glossaryCards } from '../explain/glossary';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(glossaryCards()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
