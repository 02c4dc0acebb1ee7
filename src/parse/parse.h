// Readers: bytes -> model::Thread. No I/O here; the caller reads the file and passes its name for
// error messages. Every reader throws tp::Error(ErrorCode::Input, where, message) on input it
// cannot convert, `where` being "<input name>" or "<input name>: <JSON path>".
#pragma once

#include <string>

#include "model/thread.h"

namespace tp::parse {

enum class Format { ThreadJson, UnrollText };

// Chooses the reader by content, not by name: a JSON object (first non-space byte '{') is thread
// JSON; anything else that is valid UTF-8 text is the copied text of an unroll page.
Format sniff(const std::string& bytes);

// The thread JSON format of shared/formats/thread-json.md, version 1, all of it. Errors name the
// JSON path of the first bad value: `thread.json: posts[3].media[0].width: expected a whole number
// >= 1, got "wide"`. Invalid UTF-8, spans out of range or overlapping, and an empty `posts` array
// are errors.
model::Thread read_thread_json(const std::string& bytes, const std::string& input);

// The text a person gets by selecting a Thread Reader App page and pasting it
// (shared/formats/threadreaderapp.md, section 3). Platform `text`. Links, @mentions and #hashtags
// in the text become spans.
model::Thread read_unroll_text(const std::string& bytes, const std::string& input);

// sniff + the matching reader.
model::Thread read_any(const std::string& bytes, const std::string& input);

// Writes thread JSON (the inverse of read_thread_json; read(write(t)) == t). Deterministic: fixed
// key order, two-space indent, UTF-8 unescaped.
std::string write_thread_json(const model::Thread& thread);

}  // namespace tp::parse
