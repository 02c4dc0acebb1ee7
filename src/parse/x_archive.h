// X account archive reader: data/tweets.js (+ account.js, profile.js) -> model::Thread
// (docs/platforms/x-archive.md). Pure: the caller reads the files and says where the media folder is.
#pragma once

#include <string>

#include "core/diagnostics.h"
#include "core/error.h"
#include "model/thread.h"

namespace tp::parse {

// The owner's self-reply thread holding `thread_post_id` (an id, or a URL ending in /status/<id>).
// `tweets_js` is the text of tweets.js (`window.YTD.tweets.part0 = [ … ]`, or an older file starting
// with `[`); `account_js` and `profile_js` may be empty (then the handle comes from a self-reply's
// `in_reply_to_screen_name`, and there is no avatar). Walk: up through parents present in the archive
// (a reply to another account, or to a post missing from the archive, is the top), down through the
// owner's replies to the current post (several: the smallest id). Retweets and superseded edit
// versions are left out; replies to any version of an edited post continue from its last version.
// Numbers written as strings are read as integers; `created_at` ("Sat Aug 12 16:10:37 +0000 2023")
// becomes RFC 3339 UTC. Media: photos are `<media_dir_rel>/<tweet id>-<file name of media_url>`;
// videos and GIFs show the online poster (`media_url_https`; the archive has no poster file) and
// link `<media_dir_rel>/<tweet id>-<file name of the best mp4>`. The avatar is
// `<folder of media_dir_rel>/profile_media/<account id>-<file name of avatarMediaUrl>`.
// Throws Error(Input, "tweets.js" / "account.js" / "profile.js", …) for a file that is not an archive
// file or not JSON (with the byte offset), and for an id not in the archive.
model::Thread x_archive_thread(const std::string& tweets_js, const std::string& account_js,
                               const std::string& profile_js, const std::string& thread_post_id,
                               const std::string& media_dir_rel, Diagnostics& diag);

}  // namespace tp::parse
