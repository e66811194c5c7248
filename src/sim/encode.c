/* kling-sim: a picture (picture.c) as PNG (libpng) or baseline JPEG
 * (libjpeg-turbo), into memory, with optional padding (a tEXt chunk, COM
 * segments) to make a file as large as a test needs.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "sim.h"
#include "xmalloc.h"

#define ENCODE_COM_MAX	65533	/* the most one JPEG marker segment holds */

struct encode_buf {
	uint8_t	*v;
	size_t	 n;
	size_t	 cap;
};

static void
encode_png_write(png_structp png, png_bytep data, size_t n)
{
	struct encode_buf *b = png_get_io_ptr(png);

	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		b->v = xrealloc(b->v, b->cap);
	}
	memcpy(b->v + b->n, data, n);
	b->n += n;
}

static void
encode_png_flush(png_structp png)
{
}

int
encode_png(const struct picture *pic, size_t pad, uint8_t **out, size_t *len)
{
	struct encode_buf	 b = { 0 };
	png_structp		 png;
	png_infop		 info;
	png_text		 text;
	char			*volatile comment = NULL;
	unsigned		 y;

	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	if (png == NULL)
		return -1;
	if ((info = png_create_info_struct(png)) == NULL) {
		png_destroy_write_struct(&png, NULL);
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(b.v);
		free(comment);
		return -1;
	}
	png_set_write_fn(png, &b, encode_png_write, encode_png_flush);
	png_set_compression_level(png, 1);
	png_set_IHDR(png, info, pic->w, pic->h, 8, PNG_COLOR_TYPE_RGB,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
	    PNG_FILTER_TYPE_DEFAULT);
	if (pad > 0) {
		comment = xmalloc(pad + 1);
		memset(comment, ' ', pad);
		comment[pad] = '\0';
		memset(&text, 0, sizeof text);
		text.compression = PNG_TEXT_COMPRESSION_NONE;
		text.key = (char *)"Comment";
		text.text = comment;
		text.text_length = pad;
		png_set_text(png, info, &text, 1);
	}
	png_write_info(png, info);
	for (y = 0; y < pic->h; y++)
		png_write_row(png, pic->rgb + (size_t)y * pic->w * 3);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(comment);
	*out = b.v;
	*len = b.n;
	return 0;
}

struct encode_jerr {
	struct jpeg_error_mgr	pub;
	jmp_buf			jump;
};

static void
encode_jpeg_exit(j_common_ptr cinfo)
{
	struct encode_jerr *e = (struct encode_jerr *)cinfo->err;

	longjmp(e->jump, 1);
}

static void
encode_jpeg_silent(j_common_ptr cinfo, int level)
{
}

int
encode_jpeg(const struct picture *pic, int quality, size_t pad, uint8_t **out,
    size_t *len)
{
	struct jpeg_compress_struct	 c;
	struct encode_jerr		 e;
	unsigned char			*volatile mem = NULL;
	unsigned long			 memlen = 0;
	uint8_t				*volatile blank = NULL;
	volatile size_t			 left = pad;
	JSAMPROW			 row;
	size_t				 n;

	memset(&c, 0, sizeof c);
	c.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = encode_jpeg_exit;
	e.pub.emit_message = encode_jpeg_silent;
	if (setjmp(e.jump)) {
		jpeg_destroy_compress(&c);
		free(mem);
		free(blank);
		return -1;
	}
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, (unsigned char **)&mem, &memlen);
	c.image_width = pic->w;
	c.image_height = pic->h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, quality, TRUE);
	c.optimize_coding = TRUE;	/* smaller: tables fitted to the picture */
	jpeg_start_compress(&c, TRUE);
	if (left > 0) {
		blank = xmalloc(ENCODE_COM_MAX);
		memset(blank, ' ', ENCODE_COM_MAX);
		for (; left > 0; left -= n) {
			n = left > ENCODE_COM_MAX ? ENCODE_COM_MAX : left;
			jpeg_write_marker(&c, JPEG_COM, blank, (unsigned)n);
		}
		free(blank);
		blank = NULL;
	}
	while (c.next_scanline < c.image_height) {
		row = pic->rgb + (size_t)c.next_scanline * pic->w * 3;
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	/* jpeg_mem_dest's buffer comes from malloc(): hand it on as is. */
	*out = mem;
	*len = memlen;
	return 0;
}
