/** Unit: quiz grading rule (single choice all-or-nothing, multiple choice partial credit, floor, pass mark). */
import { describe, expect, it } from "vitest";
import { gradeQuiz, questionCredit, type GradedQuestionKey } from "./grading.ts";

const single: GradedQuestionKey = {
  id: "s",
  multiple: false,
  options: [
    { id: "a", correct: false },
    { id: "b", correct: true },
  ],
};
const multi: GradedQuestionKey = {
  id: "m",
  multiple: true,
  options: [
    { id: "x", correct: true },
    { id: "y", correct: true },
    { id: "z", correct: false },
  ],
};

describe("questionCredit", () => {
  it("single choice: 1 only for the correct option", () => {
    expect(questionCredit(single, ["b"])).toBe(1);
    expect(questionCredit(single, ["a"])).toBe(0);
    expect(questionCredit(single, [])).toBe(0);
  });
  it("multiple choice: (right − wrong) / correct, at least 0", () => {
    expect(questionCredit(multi, ["x", "y"])).toBe(1);
    expect(questionCredit(multi, ["x"])).toBe(0.5);
    expect(questionCredit(multi, ["x", "z"])).toBe(0);
    expect(questionCredit(multi, ["x", "y", "z"])).toBe(0.5);
    expect(questionCredit(multi, ["z"])).toBe(0);
  });
});

describe("gradeQuiz", () => {
  it("floors the percentage and compares it with the pass mark", () => {
    const three = [single, multi, { ...single, id: "s2" }];
    // 1 + 0 + 1 = 2/3 = 66.67 % → 66 → fails a 67 % mark, passes 66 %
    const answers = { s: ["b"], m: ["z"], s2: ["b"] };
    expect(gradeQuiz(three, answers, 67)).toMatchObject({ scorePercent: 66, passed: false });
    expect(gradeQuiz(three, answers, 66)).toMatchObject({ scorePercent: 66, passed: true });
  });
  it("counts duplicates once and unanswered questions as 0", () => {
    const r = gradeQuiz([single, multi], { m: ["x", "x"] }, 70);
    expect(r.scorePercent).toBe(25);
    expect(r.questions[1]?.chosenOptionIds).toEqual(["x"]);
  });
  it("a quiz without questions cannot be passed", () => {
    expect(gradeQuiz([], {}, 0)).toMatchObject({ scorePercent: 0, passed: false });
  });
});
