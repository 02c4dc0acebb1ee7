// Layout drawing into the PDF itself: the checker must name both includes.
#include <hpdf.h>

#include "render/pdf/haru.h"
