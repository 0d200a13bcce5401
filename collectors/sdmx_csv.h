/*
 * sdmx_csv: the "sdmx-csv" feed format, SDMX-CSV 1.0 (a first column
 * DATAFLOW) and 2.0 (first columns STRUCTURE, STRUCTURE_ID and usually
 * ACTION), as the OECD, Eurostat, the IMF and .Stat Suite publish it:
 *
 *	DATAFLOW,REF_AREA,FREQ,MEASURE,TIME_PERIOD,OBS_VALUE,OBS_STATUS
 *	OECD.SDD.NAD:DSD_NAMAIN1@DF_QNA(1.0),CHN,A,B1GQ,2021,17734.06,A
 *	series: {REF_AREA: CHN, MEASURE: B1GQ}
 *
 * The selector's series names dimension columns and their codes; a row
 * belongs to the series when every one matches exactly.  Dimensions left
 * out are free, as long as the rows selected hold one observation per
 * period.  Periods come from TIME_PERIOD and values from OBS_VALUE.  The
 * separator is read from the header (the character after DATAFLOW or
 * STRUCTURE[...]), so the selector's delimiter is not used.
 *
 * Pure code over (buf, len): no I/O, so it is fuzzable and testable alone.
 */
#ifndef PLANWATCH_SDMX_CSV_H
#define PLANWATCH_SDMX_CSV_H

#include "feed.h"

/* The format's entry in the table of collectors/feed.c. */
extern const struct feed_format sdmx_csv_format;

#endif
