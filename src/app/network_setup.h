// What a run does once, before any input is converted, for the network options that act on the
// whole run rather than on one request: --clear-cache empties the cache, and --login opens (or
// reuses) a Bluesky session. A batch does this once, not once per worker.
#pragma once

#include "app/job.h"
#include "app/options.h"

namespace tp::app {

// `options` as the run's jobs should see them: with --login, the Bluesky API base set to the login
// service (kBlueskyLoginService unless --api-base bluesky=URL names another) and the session's access
// token added to `tokens` for that service's host. Throws tp::Error: a cache that cannot be
// emptied, a login that fails (bluesky_login.h).
JobOptions prepare_network(const JobOptions& options, const JobEnvironment& env);

}  // namespace tp::app
