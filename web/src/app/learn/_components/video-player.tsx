"use client";
/**
 * HTML5 video with captions, a playback-speed control (0.75–2×) and watch heartbeats to the server
 * (`POST /api/learning/lessons/<id>/progress {positionSeconds}` every `heartbeatIntervalSeconds` while playing, and on
 * pause, seek and end). The server alone decides completion (features/learning/watch.ts); it rejects positions
 * beyond the watched part with 422, so the player keeps seeking forward within the furthest watched position.
 * Resumes at the last reported position; the chosen speed is remembered in this browser (localStorage). With
 * captions, their transcript is shown beside the video (transcript.tsx).
 */
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { lessonApi, postJson } from "./api";
import dynamic from "next/dynamic";

// the transcript's chunk loads only for videos with captions
const Transcript = dynamic(() => import("./transcript").then((m) => m.Transcript));

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
const SPEED_KEY = "smolitux.playbackSpeed";

export interface VideoPlayerProps {
  lessonId: string;
  src: string;
  /** image shown until playback starts (the course cover's optimizer URL), null for none */
  poster: string | null;
  captionsUrl: string | null;
  /** BCP 47 language of the captions (the course language) */
  srclang: string;
  canTrack: boolean;
  /** resume position, seconds */
  startAt: number;
  /** furthest watched position, seconds */
  furthest: number;
  /** furthest position that completes the lesson, seconds (null: duration unknown) */
  requiredSeconds: number | null;
  heartbeatIntervalSeconds: number;
  completed: boolean;
}

interface Heartbeat {
  furthestSeconds: number;
  lessonCompleted: boolean;
}

export function VideoPlayer(props: VideoPlayerProps) {
  const { lessonId, src, captionsUrl, srclang, canTrack, startAt, requiredSeconds } = props;
  const t = useTranslations("learning.video");
  const router = useRouter();
  const ref = useRef<HTMLVideoElement>(null);
  const lastReport = useRef(0);
  const done = useRef(props.completed);
  const furthest = useRef(props.furthest);
  const [watched, setWatched] = useState(props.furthest);
  const [speed, setSpeed] = useState(1);

  useEffect(() => {
    const saved = Number(window.localStorage.getItem(SPEED_KEY));
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the stored preference exists only in the browser
    if ((SPEEDS as readonly number[]).includes(saved)) setSpeed(saved);
  }, []);

  useEffect(() => {
    const v = ref.current;
    if (v) v.playbackRate = speed;
  }, [speed]);

  /** Jumps to the resume point once the duration is known (once per video source). */
  const resumedSrc = useRef<string | null>(null);
  function resume(v: HTMLVideoElement) {
    if (resumedSrc.current === src) return;
    resumedSrc.current = src;
    if (startAt > 0 && startAt < v.duration - 1) v.currentTime = startAt;
    v.playbackRate = speed;
    lastReport.current = Date.now();
  }

  // The metadata may have loaded before React attached onLoadedMetadata (server-rendered <video>).
  useEffect(() => {
    const v = ref.current;
    if (v && v.readyState >= HTMLMediaElement.HAVE_METADATA) resume(v);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  function chooseSpeed(value: number) {
    setSpeed(value);
    window.localStorage.setItem(SPEED_KEY, String(value));
  }

  async function report(force: boolean) {
    const v = ref.current;
    if (!v || !canTrack) return;
    const now = Date.now();
    if (!force && now - lastReport.current < props.heartbeatIntervalSeconds * 1000) return;
    lastReport.current = now;
    const res = await postJson<Heartbeat>(lessonApi(lessonId, "progress"), { positionSeconds: v.currentTime });
    if (!res.ok) return;
    furthest.current = res.data.furthestSeconds;
    setWatched(res.data.furthestSeconds);
    if (res.data.lessonCompleted && !done.current) {
      done.current = true;
      router.refresh();
    }
  }

  return (
    <div className={captionsUrl ? "video-player with-transcript" : "video-player"}>
      <div className="video-column">
        <video
          ref={ref}
          controls
          preload="metadata"
          src={src}
          poster={props.poster ?? undefined}
          onLoadedMetadata={(e) => resume(e.currentTarget)}
          onTimeUpdate={() => void report(false)}
          onSeeking={(e) => {
            // Seeking forward past the watched part would not count: keep the learner within it (+ one interval).
            const v = e.currentTarget;
            const limit = furthest.current + props.heartbeatIntervalSeconds;
            if (canTrack && !done.current && v.currentTime > limit) v.currentTime = limit;
          }}
          onSeeked={() => void report(true)}
          onPause={() => void report(true)}
          onEnded={() => void report(true)}
        >
          {captionsUrl && <track kind="captions" src={captionsUrl} srcLang={srclang} label={t("captions")} default />}
          {t("unsupported")}
        </video>
        <label className="video-speed">
          {t("speed")}{" "}
          <select value={speed} onChange={(e) => chooseSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        {canTrack && (
          <p className="muted" data-testid="watch-progress">
            {requiredSeconds === null
              ? t("durationUnknown")
              : t("watchedOf", { watched: Math.floor(watched), required: requiredSeconds })}
          </p>
        )}
      </div>
      {captionsUrl && <Transcript captionsUrl={captionsUrl} video={ref} />}
    </div>
  );
}
