import { describe, expect, it } from "vitest";
import { formatCueTime, parseVtt, parseVttTime } from "./vtt";

describe("WebVTT cues", () => {
  it("parses timings with and without hours, cue settings, ids, markup and entities", () => {
    const cues = parseVtt(
      "WEBVTT\n\nNOTE a comment\n\nintro\n00:00:00.000 --> 00:00:00.999  line:80%\nHildy!\n\n" +
        "00:01.500 --> 00:02.999\nTell me, is the <u>lord</u>\nof the &amp; universe in?\r\n\r\n" +
        "bad --> timing\nignored\n\n01:00:00.000 --> 01:00:01.000\n<v Walter>Yes</v>\n",
    );
    expect(cues).toEqual([
      { start: 0, end: 0.999, text: "Hildy!" },
      { start: 1.5, end: 2.999, text: "Tell me, is the lord of the & universe in?" },
      { start: 3600, end: 3601, text: "Yes" },
    ]);
  });

  it("refuses malformed times and formats timestamps", () => {
    expect(parseVttTime("1:2.3")).toBeNull();
    expect(parseVttTime("00:10.250")).toBe(10.25);
    expect(formatCueTime(75.9)).toBe("1:15");
    expect(formatCueTime(3725)).toBe("1:02:05");
    expect(parseVtt("not a vtt file")).toEqual([]);
  });
});
