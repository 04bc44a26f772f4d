package io.fmslake.backfill.load;

/**
 * What the read phase saw.
 *
 * @param planned     offsets in the plan (records plus any gaps such as transaction markers)
 * @param rows        records that became rows
 * @param deadLetters records that became dead letters
 */
public record LoadStats(long planned, long rows, long deadLetters) {
    public long records() {
        return rows + deadLetters;
    }
}
