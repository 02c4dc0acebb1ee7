#include "core/version.h"

namespace tp {

const char kVersion[] = THREADPDF_VERSION;
const char kCreator[] = "threadpdf " THREADPDF_VERSION;
const char kHomePage[] = THREADPDF_HOME_PAGE;

}  // namespace tp
