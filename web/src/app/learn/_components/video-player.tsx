"use client";
/**
 * HTML5 video with captions, a playback-speed control (0.75–2×) and throttled progress reports: every
 * 10 s of playback, on pause and at the end (the server decides completion at >= 90 %). Resumes at the
 * furthest position reached.
 */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { lessonApi, postJson } from "./api";

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
const REPORT_EVERY_MS = 10_000;

export interface VideoPlayerProps {
  lessonId: string;
  src: string;
  captionsUrl: string | null;
  /** BCP 47 language of the captions (the course language) */
  srclang: string;
  canTrack: boolean;
  startAt: number;
  completed: boolean;
}

export function VideoPlayer({ lessonId, src, captionsUrl, srclang, canTrack, startAt, completed }: VideoPlayerProps) {
  const t = useTranslations("learning.video");
  const router = useRouter();
  const ref = useRef<HTMLVideoElement>(null);
  const lastReport = useRef(0);
  const done = useRef(completed);
  const [speed, setSpeed] = useState(1);

  useEffect(() => {
    const v = ref.current;
    if (v) v.playbackRate = speed;
  }, [speed]);

  async function report(force: boolean) {
    const v = ref.current;
    if (!v || !canTrack) return;
    const now = Date.now();
    if (!force && now - lastReport.current < REPORT_EVERY_MS) return;
    lastReport.current = now;
    const duration = Number.isFinite(v.duration) && v.duration > 0 ? v.duration : undefined;
    const res = await postJson<{ lessonCompleted: boolean }>(lessonApi(lessonId, "progress"), {
      positionSeconds: v.currentTime,
      ...(duration ? { mediaDurationSeconds: duration } : {}),
    });
    if (res.ok && res.data.lessonCompleted && !done.current) {
      done.current = true;
      router.refresh();
    }
  }

  return (
    <div className="video-player">
      <video
        ref={ref}
        controls
        preload="metadata"
        src={src}
        onLoadedMetadata={(e) => {
          const v = e.currentTarget;
          if (startAt > 0 && startAt < v.duration - 1) v.currentTime = startAt;
          v.playbackRate = speed;
          lastReport.current = Date.now();
        }}
        onTimeUpdate={() => void report(false)}
        onPause={() => void report(true)}
        onEnded={() => void report(true)}
      >
        {captionsUrl && <track kind="captions" src={captionsUrl} srcLang={srclang} label={t("captions")} default />}
        {t("unsupported")}
      </video>
      <label className="video-speed">
        {t("speed")}{" "}
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
