// Output names: a URL's default name and identity, names from a template (--name
// '{platform}-{handle}-{id}', as yt-dlp's -o) and the policy for a name that is taken
// (--if-exists skip|overwrite|rename).
#pragma once

#include <string>

#include "model/thread.h"
#include "source/url.h"

namespace tp::app {

// The fields a template may use, in the order the help lists them.
inline constexpr const char* kNameFields = "platform, handle, id, date, title, author";

// Throws Error(Usage, "--name", …) for an unknown field ("did you mean"), an unclosed brace or a
// template with a '/' (a name, not a path: -o DIR says where).
void check_name_template(const std::string& name_template);

// The file name (with ".pdf" added unless the template ends with it) for `thread`: {platform}
// (bluesky, mastodon, x, threadreader, json), {handle} (without '@'), {id} (`post_id`), {date} (the
// first post's, YYYY-MM-DD, "undated" without one), {title} (the thread's title or its first post's
// text, slugged: ASCII letters and digits in lower case joined by '-', at most 60 characters),
// {author} (the display name, characters unsafe in a file name replaced by '_').
std::string name_from_template(const std::string& name_template, const model::Thread& thread,
                               const std::string& post_id);

// `path` if nothing is there, else the first free "stem-2.pdf", "stem-3.pdf", … beside it.
std::string free_name(const std::string& path);

// "{platform}-{handle}-{post id}.pdf" with the handle's "@" dropped and every byte outside
// [A-Za-z0-9._-] of handle and id replaced by "_".
std::string url_output_name(const model::Thread& thread, const std::string& post_id);

// The same name for a URL before anything is fetched: "{platform}-{user as in the URL}-{post id}.pdf",
// so a single conversion and a batch name a URL's PDF alike, and a rerun finds it.
std::string url_output_name(const source::SourceRef& ref);

// The identity of the post a URL names, the same for every form of it: X status ids are global,
// Mastodon ids are per instance, Bluesky record keys per account (by the handle or DID the URL uses).
std::string thread_key(const source::SourceRef& ref);

}  // namespace tp::app
