// Readers: bytes -> model::Thread. No I/O here; the caller reads the file and passes its name for
// error messages. Every reader throws tp::Error(ErrorCode::Input, where, message) on input it
// cannot convert, `where` being "<input name>" or "<input name>: <JSON path>".
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "core/error.h"
#include "model/thread.h"

namespace tp::parse {

enum class Format { ThreadJson, UnrollText, Pdf };

// Chooses the reader by content, not by name: a file starting with "%PDF-" is a PDF (a threadpdf
// capture, read by src/evidence, not here); a JSON object (first non-space byte '{', after an
// optional byte order mark) is thread JSON; anything else is the copied text of an unroll page.
Format sniff(const std::string& bytes);

// The thread JSON format of docs/thread-json.md, version 1, all of it. Errors name the
// JSON path of the first bad value: `thread.json: posts[3].media[0].width: expected a whole number
// >= 1, got "wide"`. Invalid UTF-8 ("invalid UTF-8 at byte N", N from 0), invalid JSON ("invalid
// JSON at line L, column C: reason", both from 1, C in characters), spans out of range or
// overlapping, and an empty `posts` array are errors. Decisions the format page leaves open:
// width and height accept 800.0 as 800 (JSON has one number type) but not 2.5 or 0; empty text is
// an error only in a post with nothing else to show (no media, quote, card or poll, not
// unavailable); spans come back sorted by start; Media::src is kept as written (the caller sets
// Thread::media_root).
model::Thread read_thread_json(const std::string& bytes, const std::string& input);

// The text a person gets by selecting a Thread Reader App page and pasting it
// (docs/platforms/threadreaderapp.md, section 3). Platform `text`; post ids "1", "2", ...; the
// author comes from the page chrome when it was copied. Links (with a scheme, or bare domains as X
// displays them), @mentions and #hashtags in the text become spans with https hrefs. Throws
// "no posts found" when nothing but chrome is left. One line is one post and an empty line a
// paragraph break, except that when every post is numbered at its start ("1/", "2/12") and the
// page's "N tweets" line or the "/12" total agrees, unnumbered lines join the post above with a
// line break. A post count that still disagrees with "N tweets" is a warning to `diag` (when
// given), not an error.
model::Thread read_unroll_text(const std::string& bytes, const std::string& input,
                               Diagnostics* diag = nullptr);

// True when `text` shows a mark of a copied unroll page: the author block above the first post
// (the app's name, "<Name> Profile picture", "Subscribe", the "Jun 22 •" or "10 tweets • 8 min read •"
// lines), the `• • •` end marker, or a line of the chrome below the thread ("Missing some Tweet in
// this thread?", "Keep Current with …", "More from @…", …).
bool looks_like_unroll_text(std::string_view text);

// sniff + the matching reader. A text whose every line (blank lines and "#" comments aside) is an
// http(s) URL is a batch list given as INPUT: Error(Usage) "this looks like a list of URLs: use
// --batch FILE". Other text is read as an unroll page only when looks_like_unroll_text; else it is
// Error(Input, input, "not a thread: …") naming --from unroll. A PDF is Error(Input, input, "is a
// PDF; ..."): its thread is read by the caller through src/evidence.
model::Thread read_any(const std::string& bytes, const std::string& input, Diagnostics* diag = nullptr);

// The reader `format` names, whatever the content looks like (the CLI's --from json|unroll).
model::Thread read_as(Format format, const std::string& bytes, const std::string& input,
                      Diagnostics* diag = nullptr);

// Writes thread JSON (the inverse of read_thread_json; read(write(t)) == t for a valid t).
// Deterministic: keys in the order of the format page, two-space indent, UTF-8 unescaped, a final
// newline. Absent optional values of the document, Source and Author are written as null; absent
// optional fields of a Post (and of its Span, Media and Card values), empty `spans`/`media` and
// `deleted: false` are left out. `each_post`, when given, is called in order with each entry of
// thread.posts and its canonical form (write_post_json's text, which the writing makes anyway), a
// view valid during the call. Throws Error(Internal) if a string of the thread is not UTF-8. The
// string's capacity is at most a third more than its size.
std::string write_thread_json(
    const model::Thread& thread,
    const std::function<void(const model::Post&, std::string_view)>& each_post = {});

// One post object as write_thread_json writes it inside "posts", serialised without whitespace
// (keys in the written order, UTF-8 unescaped): the canonical form the manifest hashes
// (docs/manifest.md). Equal to re-serialising, compact, that object parsed from the thread JSON.
// Throws Error(Internal) if a string of the post is not UTF-8.
std::string write_post_json(const model::Post& post);

}  // namespace tp::parse
