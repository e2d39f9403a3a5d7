#ifndef GDESK_CCURSES_H
#define GDESK_CCURSES_H
/* The wide-character ncurses API, plus getters for what Swift cannot import (macros, globals). */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <curses.h>

WINDOW *gd_stdscr(void);
int gd_lines(void);
int gd_cols(void);
int gd_colors(void);
int gd_color_pairs(void);
attr_t gd_attr_bold(void);
attr_t gd_attr_reverse(void);
attr_t gd_attr_underline(void);
attr_t gd_attr_dim(void);
attr_t gd_attr_normal(void);
int gd_set_escdelay(int ms);
/* The running ncurses' version ("ncurses 6.4.20221231"), from curses_version. */
const char *gd_curses_version(void);

#endif
