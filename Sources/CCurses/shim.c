#include "CCurses.h"

WINDOW *gd_stdscr(void) { return stdscr; }
int gd_lines(void) { return LINES; }
int gd_cols(void) { return COLS; }
int gd_colors(void) { return COLORS; }
int gd_color_pairs(void) { return COLOR_PAIRS; }
attr_t gd_attr_bold(void) { return WA_BOLD; }
attr_t gd_attr_reverse(void) { return WA_REVERSE; }
attr_t gd_attr_underline(void) { return WA_UNDERLINE; }
attr_t gd_attr_dim(void) { return WA_DIM; }
attr_t gd_attr_normal(void) { return WA_NORMAL; }
int gd_set_escdelay(int ms) { return set_escdelay(ms); }

const char *gd_curses_version(void) { return curses_version(); }
