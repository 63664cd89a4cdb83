// Package transcript reads what fact-checkers get of a debate, a speech or a
// video: subtitle files (SRT, WebVTT, YouTube's rolling captions) and plain
// transcripts whose paragraphs begin "NAME:". It turns them into an
// annotate.Extracted: the article's text, one paragraph a speaker's turn, and
// the turns (speaker, span and, for subtitles, times in seconds).
//
// It owns the parsing only. Storing the article, matching a turn's speaker
// to the project's registry (MatchSpeaker is the pure part of that) and
// asking the user to confirm turns found in a plain text (DetectTurns) are
// the import path's and the desk's. Speakers are kept as the file gives
// them ("TRUMP", "Holt").
package transcript
