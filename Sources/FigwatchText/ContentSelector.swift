/// Picks the elements that hold the article: the best-scoring container and those of its
/// siblings that continue it.
///
/// Scoring follows the idea of Arc90's Readability, written afresh for our statistics:
/// every paragraph-like element with some text gives points (one, plus one per comma or
/// `，。、`, plus one per 100 units of text, at most three) to its parent, half to its
/// grandparent and less further up. A container's points, plus its tag's and class's
/// prior, are scaled by the share of its text that is not link text. Related-article
/// lists are almost all link text and lose; furniture (by tag or class) never scores.
enum ContentSelector {
    /// Record indices of the article containers, in document order; empty when nothing scores.
    static func containers(_ analysis: PageAnalysis, steps: inout Int) -> [Int] {
        let elements = analysis.elements
        guard !elements.isEmpty else { return [] }
        var scores = [Float](repeating: 0, count: elements.count)
        var isCandidate = [Bool](repeating: false, count: elements.count)

        for i in elements.indices {
            steps += 1
            let element = elements[i]
            guard !element.inFurniture, element.units >= 25 else { continue }
            let isParagraph = element.traits.contains(.paragraph)
                || (element.traits.contains(.container) && !element.hasBlockChild)
            guard isParagraph else { continue }
            award(points(units: element.units, punctuation: element.punctuation), from: Int(element.parent),
                  elements: elements, scores: &scores, isCandidate: &isCandidate, steps: &steps)
        }
        return chosen(scores: &scores, isCandidate: isCandidate, excluded: nil, elements: elements, steps: &steps)
    }

    /// What one paragraph of `units` text with `punctuation` commas is worth.
    static func points(units: Int32, punctuation: Int32) -> Float {
        1 + Float(punctuation) + min(Float(units) / 100, 3)
    }

    /// Gives a paragraph's `points` to `first` (its parent, as a rule) and less to the three
    /// elements above it.
    static func award(
        _ points: Float, from first: Int, elements: [PageAnalysis.Element], scores: inout [Float],
        isCandidate: inout [Bool], steps: inout Int
    ) {
        var ancestor = first
        var level = 0
        while ancestor >= 0 && level < 4 {
            steps += 1
            if !isCandidate[ancestor] {
                isCandidate[ancestor] = true
                scores[ancestor] = prior(elements[ancestor])
            }
            let divider: Float = level == 0 ? 1 : (level == 1 ? 2 : Float(level) * 3)
            scores[ancestor] += points / divider
            ancestor = Int(elements[ancestor].parent)
            level += 1
        }
    }

    /// The containers the scores choose: the best candidate (widened to the box that holds
    /// the article) and the siblings that continue it. `excluded` replaces the analysis'
    /// furniture marks when given (the second look's own).
    static func chosen(
        scores: inout [Float], isCandidate: [Bool], excluded: [Bool]?, elements: [PageAnalysis.Element],
        steps: inout Int
    ) -> [Int] {
        let inFurniture = excluded ?? elements.map(\.inFurniture)
        var top = -1
        var topScore: Float = 0
        steps += elements.count
        for i in elements.indices where isCandidate[i] && !inFurniture[i] {
            scores[i] *= 1 - elements[i].linkDensity
            if scores[i] > topScore {
                topScore = scores[i]
                top = i
            }
        }
        guard top >= 0 else { return [] }
        top = widened(top, scores: scores, isCandidate: isCandidate, inFurniture: inFurniture, elements: elements, steps: &steps)
        topScore = max(topScore, scores[top])

        // Siblings that continue the article: well-scored ones, and plain paragraphs or
        // inline runs of text with few links.
        let parent = Int(elements[top].parent)
        guard parent >= 0 else { return [top] }
        let threshold = max(10, topScore * 0.2)
        var chosen: [Int] = []
        steps += elements.count - parent
        for i in (parent + 1)..<elements.count where Int(elements[i].parent) == parent {
            if i == top {
                chosen.append(i)
                continue
            }
            let sibling = elements[i]
            guard !inFurniture[i] else { continue }
            if isCandidate[i] && scores[i] >= threshold {
                chosen.append(i)
            } else if sibling.traits.contains(.paragraph) || sibling.traits.contains(.heading)
                || !sibling.traits.contains(.block)  // inline runs of text (`<font>` on old pages)
            {
                if sibling.units > 80 && sibling.linkDensity < 0.25 {
                    chosen.append(i)
                } else if sibling.units > 0 && sibling.linkUnits == 0 && sibling.punctuation > 0 {
                    chosen.append(i)
                }
            }
        }
        return continued(chosen, top: top, inFurniture: inFurniture, elements: elements, steps: &steps)
    }

    /// Pages that cut the story into boxes of one class (`story-body-supplemental` twice,
    /// with an advertisement between) get the other boxes back: a sibling of the top
    /// container, or of one of its two nearest ancestors, with the very same `class`.
    private static func continued(
        _ chosen: [Int], top: Int, inFurniture: [Bool], elements: [PageAnalysis.Element], steps: inout Int
    ) -> [Int] {
        var anchor = top
        for level in 0..<3 {
            let parent = Int(elements[anchor].parent)
            guard parent >= 0, let cls = Node.attributeString(elements[anchor].node, "class"), !cls.isEmpty else {
                if parent < 0 { break }
                anchor = parent
                continue
            }
            steps += elements.count - parent
            let same = ((parent + 1)..<elements.count).filter { i in
                i != anchor && Int(elements[i].parent) == parent && !inFurniture[i]
                    && elements[i].units > 0 && elements[i].linkDensity < 0.5
                    && Node.attributeString(elements[i].node, "class") == cls
            }
            if !same.isEmpty {
                if level == 0 { return Array(Set(chosen + same)).sorted() }
                return (same + [anchor]).sorted()
            }
            anchor = parent
        }
        return chosen
    }

    /// The article is often split over several sibling boxes (one per section or paragraph
    /// group), each scoring alone. When three or more of the best candidates, each close to
    /// the top score, sit under one ancestor of the top candidate, that ancestor is the
    /// article; and a top candidate that is its parent's only element child gives way to it.
    private static func widened(
        _ top: Int, scores: [Float], isCandidate: [Bool], inFurniture: [Bool], elements: [PageAnalysis.Element],
        steps: inout Int
    ) -> Int {
        let topScore = scores[top]
        steps += elements.count
        let rivals = elements.indices
            .filter { isCandidate[$0] && $0 != top && !inFurniture[$0] && scores[$0] >= topScore * 0.75 }
            .sorted { scores[$0] > scores[$1] }
            .prefix(5)
        var best = top
        if rivals.count >= 2 {
            var ancestor = Int(elements[top].parent)
            while ancestor >= 0 && elements[ancestor].traits.contains(.block) {
                steps += 1
                let contained = rivals.filter { isDescendant($0, of: ancestor, elements, steps: &steps) }.count
                if contained + 1 >= 3 {
                    best = ancestor
                    break
                }
                ancestor = Int(elements[ancestor].parent)
            }
        }
        // Climb while the ancestors keep most of the score: an ancestor scoring above the
        // best so far gathers more of the article than the candidate alone.
        if best == top {
            var lastScore = topScore
            var ancestor = Int(elements[top].parent)
            while ancestor >= 0 && elements[ancestor].traits.contains(.block) && !inFurniture[ancestor] {
                steps += 1
                if isCandidate[ancestor] {
                    if scores[ancestor] < topScore / 3 { break }
                    if scores[ancestor] > lastScore {
                        best = ancestor
                        break
                    }
                    lastScore = scores[ancestor]
                }
                ancestor = Int(elements[ancestor].parent)
            }
        }
        // An only child says nothing its parent does not.
        while true {
            steps += 1
            let parent = Int(elements[best].parent)
            guard parent >= 0, elements[parent].units == elements[best].units, !inFurniture[parent],
                elements[parent].traits.contains(.block), elements[parent].traits.contains(.container)
            else { break }
            best = parent
        }
        return best
    }

    private static func isDescendant(_ i: Int, of ancestor: Int, _ elements: [PageAnalysis.Element], steps: inout Int) -> Bool {
        var p = Int(elements[i].parent)
        while p >= 0 {
            steps += 1
            if p == ancestor { return true }
            if p < ancestor { return false }
            p = Int(elements[p].parent)
        }
        return false
    }

    /// The tag's and class's prior, as Readability weighs them.
    private static func prior(_ element: PageAnalysis.Element) -> Float {
        var score = Float(element.classWeight)
        let traits = element.traits
        if traits.contains(.container) && traits.contains(.block) {
            score += 5
        } else if traits.contains(.paragraph) {
            score += 3
        } else if traits.contains(.list) || traits.contains(.form) {
            score -= 3
        } else if traits.contains(.heading) {
            score -= 5
        }
        return score
    }
}
