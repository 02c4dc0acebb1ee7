// A backend file that reaches past class Haru: the checker must name both lines.
#include <hpdf_pages.h>

HPDF_Dict contents_of(HPDF_Page page) { return static_cast<HPDF_PageAttr>(page->attr)->contents; }
