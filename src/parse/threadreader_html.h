// Thread Reader App reader: an unrolled thread page (docs/platforms/threadreaderapp.md, section 2)
// -> model::Thread, parsed with gumbo (an HTML5 parser; no pattern matching over markup). Pure.
#pragma once

#include <string>

#include "core/diagnostics.h"
#include "core/error.h"
#include "model/thread.h"

namespace tp::parse {

// Posts are the `.content-tweet` elements carrying `data-tweet`, in document order, inside the main
// column (`.t-main`, `[data-controller=mentions]` or `.hide-mentions`) when the page has one; posts
// by another screen name than the first post's are left out (previews of other threads). Per post:
// id = data-tweet, url https://x.com/<screenname>/status/<id>; text with <br> as line breaks and
// white space collapsed as a browser does; `a.entity-url` (and other anchors with an http(s) href)
// become links to the href (or `data-preview`), "@name" anchors mentions and "#tag" anchors
// hashtags; anchors with href "#" stay plain words; `.tw-permalink` and `.row` are dropped;
// `.entity-image img` become images (`data-src` before `src`; an alt of exactly "Image" is no alt);
// `.entity-video` becomes a video (poster as src, the last mp4 source as url; none without a poster);
// `.entity-embed` becomes the quoted post. Author: handle from data-screenname, name from the
// `/user/<handle>` link that is not the handle itself (else the profile picture's alt text),
// avatar from the profile picture (`img[data-action*=twitter-profile]`).
// Platform ThreadReader, source.url = `url`. Throws Error(Input, url, "not an unrolled thread page
// (no posts found)") for a page without posts (a bot wall, an error page, JSON).
model::Thread threadreader_html(const std::string& html, const std::string& url, Diagnostics& diag);

}  // namespace tp::parse
