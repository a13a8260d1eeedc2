"use client";
/**
 * The transcript beside the video: the lesson's WebVTT captions as a list of timed lines. The line being
 * spoken is highlighted and kept in view; a click seeks the video there (the player keeps a tracking learner
 * within the watched part, like the video's own seek bar).
 */
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type RefObject } from "react";
import { formatCueTime, parseVtt, type VttCue } from "@/lib/vtt";

export function Transcript({ captionsUrl, video }: { captionsUrl: string; video: RefObject<HTMLVideoElement | null> }) {
  const t = useTranslations("learning.video");
  const [cues, setCues] = useState<VttCue[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [active, setActive] = useState(-1);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    fetch(captionsUrl, { credentials: "same-origin" })
      .then((res) => (res.ok ? res.text() : Promise.reject(new Error(String(res.status)))))
      .then((text) => !cancelled && setCues(parseVtt(text)))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [captionsUrl]);

  useEffect(() => {
    const v = video.current;
    if (!v || !cues) return;
    const onTime = () => {
      const now = v.currentTime;
      setActive(cues.findIndex((c) => now >= c.start && now < c.end));
    };
    v.addEventListener("timeupdate", onTime);
    v.addEventListener("seeked", onTime);
    return () => {
      v.removeEventListener("timeupdate", onTime);
      v.removeEventListener("seeked", onTime);
    };
  }, [cues, video]);

  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('[aria-current="true"]');
    const box = list.current;
    // the box is positioned (learn.css), so the cue's offsetTop is measured from the box's top
    if (el && box) box.scrollTop = el.offsetTop - box.clientHeight / 3;
  }, [active]);

  return (
    <aside className="transcript" aria-label={t("transcript")}>
      <h2>{t("transcript")}</h2>
      {/* one fixed-height box for every state (loading, list, empty, failed): the cues arriving shift nothing */}
      <div ref={list} className="transcript-body">
        {failed ? (
          <p className="muted">{t("transcriptFailed")}</p>
        ) : cues === null ? (
          <p className="muted">{t("transcriptLoading")}</p>
        ) : cues.length === 0 ? (
          <p className="muted">{t("transcriptEmpty")}</p>
        ) : (
          <ol className="transcript-cues">
            {cues.map((c, i) => (
              <li key={`${c.start}-${i}`} aria-current={i === active ? "true" : undefined}>
                <button
                  type="button"
                  className="transcript-cue"
                  onClick={() => {
                    const v = video.current;
                    if (v) v.currentTime = c.start;
                  }}
                >
                  <span className="transcript-time">{formatCueTime(c.start)}</span> {c.text}
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    </aside>
  );
}
