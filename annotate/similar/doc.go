// Package similar answers "has this been checked before?": it indexes
// verified claims (each with its verdict, the fact-check's title, URL and
// date) and finds, for a new claim or a post, the verified claims that say
// the same thing, best first.
//
// Retrieval is BM25 over each claim's text and its fact-check's title; the
// best Candidates are then re-ranked by a small pairwise logistic
// regression over lexical features (BM25 relative to the best, idf-weighted
// coverage both ways, hashed character 3–5-gram cosine with claim and
// title, shared bigrams and numbers). The re-ranker is trained here, on the
// CLEF CheckThat! 2020 Task 2 train split, and embedded as model/rerank.txt;
// there is no network and no downloaded model. Everything is deterministic.
//
// It also reads and writes that task's files (library, queries, qrels, TREC
// runs) and computes its measure, MAP@k, for `factmark eval similar`.
//
// It is pure: no Fyne, no SQL, no files of its own beyond the embedded
// model. It imports only annotate, for errors.
package similar
