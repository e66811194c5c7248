/* kling-tui: JPEG and PNG to scaled-down RGBA (decode.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Neither library is linked: their functions are looked up on first use
 * (lazylib.h), so only their headers are needed to build, and a machine
 * without them shows an image's facts in text instead. Both report errors
 * by longjmp from a handler we install: every resource is reachable from
 * the context struct (not from locals changed after setjmp), and the
 * handlers never print (the terminal belongs to curses). */
#include "config.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "img/decode.h"
#include "img/scale.h"
#include "lazylib.h"
#include "xmalloc.h"

/* libjpeg-turbo's libjpeg62 ABI. */
static struct jpeg_error_mgr *(*p_jpeg_std_error)(struct jpeg_error_mgr *);
static void (*p_jpeg_CreateDecompress)(j_decompress_ptr, int, size_t);
static void (*p_jpeg_mem_src)(j_decompress_ptr, const unsigned char *, unsigned long);
static int (*p_jpeg_read_header)(j_decompress_ptr, boolean);
static boolean (*p_jpeg_start_decompress)(j_decompress_ptr);
static JDIMENSION (*p_jpeg_read_scanlines)(j_decompress_ptr, JSAMPARRAY, JDIMENSION);
static void (*p_jpeg_destroy_decompress)(j_decompress_ptr);

static const char *const jpeg_names[] = { "libjpeg.so.62", NULL };
static const struct lazylib_sym jpeg_syms[] = {
	{ "jpeg_std_error", (void **)&p_jpeg_std_error },
	{ "jpeg_CreateDecompress", (void **)&p_jpeg_CreateDecompress },
	{ "jpeg_mem_src", (void **)&p_jpeg_mem_src },
	{ "jpeg_read_header", (void **)&p_jpeg_read_header },
	{ "jpeg_start_decompress", (void **)&p_jpeg_start_decompress },
	{ "jpeg_read_scanlines", (void **)&p_jpeg_read_scanlines },
	{ "jpeg_destroy_decompress", (void **)&p_jpeg_destroy_decompress },
	{ NULL, NULL }
};
static struct lazylib jpeg_lib = { jpeg_names, jpeg_syms, 0, NULL, "", NULL };

static png_structp (*p_png_create_read_struct)(png_const_charp, png_voidp,
    png_error_ptr, png_error_ptr);
static png_infop (*p_png_create_info_struct)(png_const_structrp);
static void (*p_png_destroy_read_struct)(png_structpp, png_infopp, png_infopp);
static void (*p_png_set_read_fn)(png_structrp, png_voidp, png_rw_ptr);
static png_voidp (*p_png_get_io_ptr)(png_const_structrp);
static png_voidp (*p_png_get_error_ptr)(png_const_structrp);
static void (*p_png_set_user_limits)(png_structrp, png_uint_32, png_uint_32);
static void (*p_png_read_info)(png_structrp, png_inforp);
static png_uint_32 (*p_png_get_IHDR)(png_const_structrp, png_const_inforp, png_uint_32 *,
    png_uint_32 *, int *, int *, int *, int *, int *);
static void (*p_png_set_expand)(png_structrp);
static void (*p_png_set_strip_16)(png_structrp);
static void (*p_png_set_gray_to_rgb)(png_structrp);
static void (*p_png_set_filler)(png_structrp, png_uint_32, int);
static int (*p_png_set_interlace_handling)(png_structrp);
static void (*p_png_read_update_info)(png_structrp, png_inforp);
static void (*p_png_read_row)(png_structrp, png_bytep, png_bytep);

static const char *const png_names[] = { "libpng16.so.16", NULL };
static const struct lazylib_sym png_syms[] = {
	{ "png_create_read_struct", (void **)&p_png_create_read_struct },
	{ "png_create_info_struct", (void **)&p_png_create_info_struct },
	{ "png_destroy_read_struct", (void **)&p_png_destroy_read_struct },
	{ "png_set_read_fn", (void **)&p_png_set_read_fn },
	{ "png_get_io_ptr", (void **)&p_png_get_io_ptr },
	{ "png_get_error_ptr", (void **)&p_png_get_error_ptr },
	{ "png_set_user_limits", (void **)&p_png_set_user_limits },
	{ "png_read_info", (void **)&p_png_read_info },
	{ "png_get_IHDR", (void **)&p_png_get_IHDR },
	{ "png_set_expand", (void **)&p_png_set_expand },
	{ "png_set_strip_16", (void **)&p_png_set_strip_16 },
	{ "png_set_gray_to_rgb", (void **)&p_png_set_gray_to_rgb },
	{ "png_set_filler", (void **)&p_png_set_filler },
	{ "png_set_interlace_handling", (void **)&p_png_set_interlace_handling },
	{ "png_read_update_info", (void **)&p_png_read_update_info },
	{ "png_read_row", (void **)&p_png_read_row },
	{ NULL, NULL }
};
static struct lazylib png_lib = { png_names, png_syms, 0, NULL, "", NULL };

int
img_decoders_load(enum img_type t, const char **cause)
{
	switch (t) {
	case IMG_JPEG:
		return lazylib_load(&jpeg_lib, cause);
	case IMG_PNG:
		return lazylib_load(&png_lib, cause);
	default:
		*cause = "not a JPEG or PNG";
		return -1;
	}
}

void
img_pixels_free(struct img_pixels *px)
{
	free(px->rgba);
	memset(px, 0, sizeof *px);
}

static void
decode_clamp(int *max_w, int *max_h)
{
	/* At least 8: the sums of the box filter stay in 32 bits. */
	if (*max_w > IMG_PREVIEW_MAX)
		*max_w = IMG_PREVIEW_MAX;
	if (*max_h > IMG_PREVIEW_MAX)
		*max_h = IMG_PREVIEW_MAX;
	if (*max_w < 8)
		*max_w = 8;
	if (*max_h < 8)
		*max_h = 8;
}

static int
decode_too_big(long w, long h, char **cause)
{
	if (w <= 0 || h <= 0 || w > 65535 || h > 65535 || w * h > IMG_SOURCE_MAX_PIXELS) {
		xasprintf(cause, "%ldx%ld px: too large to preview", w, h);
		return 1;
	}
	return 0;
}

/* JPEG ------------------------------------------------------------------ */

struct jpeg_ctx {
	struct jpeg_decompress_struct	 cinfo;
	struct jpeg_error_mgr		 jerr;
	jmp_buf				 jb;
	char				 msg[JMSG_LENGTH_MAX];
	struct img_scale		 sc;
	unsigned char			*row;
	int				 created;
};

static void
jpeg_error_exit(j_common_ptr c)
{
	struct jpeg_ctx *ctx = (struct jpeg_ctx *)c->client_data;

	c->err->format_message(c, ctx->msg);
	longjmp(ctx->jb, 1);
}

static void
jpeg_quiet(j_common_ptr c)
{
	(void)c;	/* warnings: never on the terminal */
}

static int
decode_jpeg(const unsigned char *p, size_t n, int max_w, int max_h,
    struct img_pixels *out, char **cause)
{
	struct jpeg_ctx *ctx = xcalloc(1, sizeof *ctx);
	struct jpeg_decompress_struct *ci = &ctx->cinfo;
	JSAMPROW rows[1];
	int dw, dh, ret = -1;
	unsigned denom;

	ci->err = p_jpeg_std_error(&ctx->jerr);
	ctx->jerr.error_exit = jpeg_error_exit;
	ctx->jerr.output_message = jpeg_quiet;
	if (setjmp(ctx->jb) != 0) {
		xasprintf(cause, "corrupt JPEG: %s", ctx->msg);
		goto out;
	}
	p_jpeg_CreateDecompress(ci, JPEG_LIB_VERSION, sizeof *ci);
	ci->client_data = ctx;
	ctx->created = 1;
	p_jpeg_mem_src(ci, p, (unsigned long)n);
	p_jpeg_read_header(ci, TRUE);
	if (decode_too_big((long)ci->image_width, (long)ci->image_height, cause))
		goto out;
	if (ci->jpeg_color_space == JCS_CMYK || ci->jpeg_color_space == JCS_YCCK) {
		*cause = xstrdup("a CMYK JPEG: not previewed");
		goto out;
	}
	ci->out_color_space = JCS_RGB;
	/* The decoder's own 1/2, 1/4, 1/8 scaling: the cheapest pixels are
	 * the ones never made. Keep at least twice the preview's size for the
	 * box filter. */
	img_scale_fit((int)ci->image_width, (int)ci->image_height, max_w, max_h, &dw, &dh);
	for (denom = 8; denom > 1; denom /= 2) {
		if (ci->image_width / denom >= (unsigned)dw * 2 &&
		    ci->image_height / denom >= (unsigned)dh * 2)
			break;
	}
	ci->scale_num = 1;
	ci->scale_denom = denom;
	ci->dct_method = JDCT_IFAST;
	p_jpeg_start_decompress(ci);
	if (ci->output_components != 3) {
		*cause = xstrdup("JPEG: unexpected colour components");
		goto out;
	}
	img_scale_fit((int)ci->output_width, (int)ci->output_height, dw, dh, &dw, &dh);
	img_scale_init(&ctx->sc, (int)ci->output_width, (int)ci->output_height, dw, dh);
	ctx->row = xmalloc((size_t)ci->output_width * 3);
	rows[0] = ctx->row;
	while (ci->output_scanline < ci->output_height) {
		int y = (int)ci->output_scanline;

		if (p_jpeg_read_scanlines(ci, rows, 1) != 1)
			break;
		img_scale_row(&ctx->sc, y, ctx->row, 3);
	}
	out->w = dw;
	out->h = dh;
	out->rgba = img_scale_finish(&ctx->sc);
	ret = 0;
out:
	/* A truncated file is not an error to libjpeg (it pads with grey);
	 * the rows it had are shown. */
	if (ctx->created)
		p_jpeg_destroy_decompress(ci);
	img_scale_free(&ctx->sc);
	free(ctx->row);
	free(ctx);
	return ret;
}

/* PNG ------------------------------------------------------------------- */

struct png_ctx {
	png_structp		 png;
	png_infop		 info;
	jmp_buf			 jb;
	char			 msg[160];
	const unsigned char	*p;
	size_t			 n, off;
	struct img_scale	 sc;
	unsigned char		*rows;		/* one row, or all (interlaced) */
};

static void
png_on_error(png_structp png, png_const_charp msg)
{
	struct png_ctx *ctx = p_png_get_error_ptr(png);

	snprintf(ctx->msg, sizeof ctx->msg, "%s", msg != NULL ? msg : "error");
	longjmp(ctx->jb, 1);
}

static void
png_on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void
png_on_read(png_structp png, png_bytep data, size_t len)
{
	struct png_ctx *ctx = p_png_get_io_ptr(png);

	if (len > ctx->n - ctx->off)
		png_on_error(png, "the file ends early");
	memcpy(data, ctx->p + ctx->off, len);
	ctx->off += len;
}

static int
decode_png(const unsigned char *p, size_t n, int max_w, int max_h,
    struct img_pixels *out, char **cause)
{
	struct png_ctx *ctx = xcalloc(1, sizeof *ctx);
	png_uint_32 w, h, y;
	int depth, ctype, ilace, passes, pass, dw, dh, ret = -1;
	size_t stride;

	ctx->p = p;
	ctx->n = n;
	ctx->png = p_png_create_read_struct(PNG_LIBPNG_VER_STRING, ctx, png_on_error,
	    png_on_warning);
	if (ctx->png == NULL) {
		*cause = xstrdup("PNG: out of memory");
		free(ctx);
		return -1;
	}
	if (setjmp(ctx->jb) != 0) {
		xasprintf(cause, "corrupt PNG: %s", ctx->msg);
		goto out;
	}
	if ((ctx->info = p_png_create_info_struct(ctx->png)) == NULL)
		png_on_error(ctx->png, "out of memory");
	p_png_set_read_fn(ctx->png, ctx, png_on_read);
	p_png_set_user_limits(ctx->png, 65535, 65535);
	p_png_read_info(ctx->png, ctx->info);
	p_png_get_IHDR(ctx->png, ctx->info, &w, &h, &depth, &ctype, &ilace, NULL, NULL);
	if (decode_too_big((long)w, (long)h, cause))
		goto out;
	p_png_set_expand(ctx->png);
	p_png_set_strip_16(ctx->png);
	if (ctype == PNG_COLOR_TYPE_GRAY || ctype == PNG_COLOR_TYPE_GRAY_ALPHA)
		p_png_set_gray_to_rgb(ctx->png);
	if (!(ctype & PNG_COLOR_MASK_ALPHA))
		p_png_set_filler(ctx->png, 0xff, PNG_FILLER_AFTER);
	passes = p_png_set_interlace_handling(ctx->png);
	p_png_read_update_info(ctx->png, ctx->info);
	stride = (size_t)w * 4;
	img_scale_fit((int)w, (int)h, max_w, max_h, &dw, &dh);
	img_scale_init(&ctx->sc, (int)w, (int)h, dw, dh);
	if (passes > 1) {
		/* Every pass fills part of every row: the whole picture is
		 * needed; bounded by the same pixel cap, at 4 bytes a pixel. */
		if ((long)w * (long)h > 16L * 1024 * 1024) {
			xasprintf(cause, "an interlaced PNG of %lux%lu px: too large to preview",
			    (unsigned long)w, (unsigned long)h);
			goto out;
		}
		ctx->rows = xcalloc(h, stride);
		for (pass = 0; pass < passes; pass++)
			for (y = 0; y < h; y++)
				p_png_read_row(ctx->png, ctx->rows + y * stride, NULL);
		for (y = 0; y < h; y++)
			img_scale_row(&ctx->sc, (int)y, ctx->rows + y * stride, 4);
	} else {
		ctx->rows = xmalloc(stride);
		for (y = 0; y < h; y++) {
			p_png_read_row(ctx->png, ctx->rows, NULL);
			img_scale_row(&ctx->sc, (int)y, ctx->rows, 4);
		}
	}
	out->w = dw;
	out->h = dh;
	out->rgba = img_scale_finish(&ctx->sc);
	ret = 0;
out:
	p_png_destroy_read_struct(&ctx->png, &ctx->info, NULL);
	img_scale_free(&ctx->sc);
	free(ctx->rows);
	free(ctx);
	return ret;
}

int
img_decode(const unsigned char *p, size_t n, int max_w, int max_h,
    struct img_pixels *out, char **cause)
{
	struct img_info info;
	const struct lazylib *lib;

	memset(out, 0, sizeof *out);
	img_probe(p, n, &info);
	if (!img_type_supported(info.type)) {
		xasprintf(cause, "a %s file, not a JPEG or PNG", img_type_name(info.type));
		return -1;
	}
	/* Only read here: loading is the main thread's (img_decoders_load()),
	 * before the work was handed over. */
	lib = info.type == IMG_JPEG ? &jpeg_lib : &png_lib;
	if (lib->state != 1) {
		xasprintf(cause, "no decoder: %s", lib->state == -1 ? lib->cause :
		    "not loaded");
		return -1;
	}
	decode_clamp(&max_w, &max_h);
	if (info.type == IMG_JPEG)
		return decode_jpeg(p, n, max_w, max_h, out, cause);
	return decode_png(p, n, max_w, max_h, out, cause);
}
