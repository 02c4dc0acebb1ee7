// --archive DIR: what it takes to render a fetched thread again with no network, ever.
#pragma once

#include <string>

#include "core/diagnostics.h"
#include "model/thread.h"
#include "source/fetcher.h"

namespace tp::app {

// Fetches every remote picture `thread` names (avatars, post and quote media, card images) in one
// Fetcher::get_all, writes each to DIR/media/<first 16 hex digits of the URL's SHA-256>.<jpg|png|
// webp|gif|bin> and points its src there (relative to DIR); then writes DIR/thread.json and sets
// thread.base_dir to DIR. A picture that cannot be fetched keeps its URL, with a warning. Video
// links (Media::url) stay URLs: the archive keeps what the PDF shows. Throws Error(Output) when DIR
// or a file in it cannot be written.
void save_archive(model::Thread& thread, source::Fetcher& fetcher, const std::string& dir, Diagnostics& diag);

// "{platform}-{handle}-{post id}.pdf" with the handle's "@" dropped and every byte outside
// [A-Za-z0-9._-] of handle and id replaced by "_".
std::string url_output_name(const model::Thread& thread, const std::string& post_id);

}  // namespace tp::app
